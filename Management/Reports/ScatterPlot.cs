using System.Globalization;
using System.Text;
using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Management.Reports;

/// <summary>
/// The SVG of a calibration report, in page pixels (y down, as on the screen). The view covers the
/// screen rectangle and every prediction, so predictions off the screen are still seen.
/// </summary>
internal sealed class ScatterPlot(double screenWidth, double screenHeight, IReadOnlyList<TargetReport> targets, IReadOnlyList<ScreenPoint> centroids)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A colour per target, spread around the hue circle.</summary>
    public static string Colour(int index, int count) =>
        string.Create(Invariant, $"hsl({Math.Round(360.0 * index / Math.Max(1, count))},70%,42%)");

    public void AppendTo(StringBuilder svg)
    {
        var (left, top, right, bottom) = Bounds();
        var margin = Math.Max(right - left, bottom - top) * 0.03;
        var marker = Math.Max(screenWidth, screenHeight) / 220;
        svg.Append("<svg class=\"scatter\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"")
            .Append(N(left - margin)).Append(' ').Append(N(top - margin)).Append(' ')
            .Append(N(right - left + 2 * margin)).Append(' ').Append(N(bottom - top + 2 * margin)).Append("\">")
            .Append("<title>Targets, held-out predictions and accuracy circles</title>")
            .Append("<rect class=\"screen\" x=\"0\" y=\"0\" width=\"").Append(N(screenWidth)).Append("\" height=\"").Append(N(screenHeight))
            .Append("\" fill=\"#fff\" stroke=\"#888\" stroke-width=\"").Append(N(marker / 3)).Append("\"/>");
        for (var i = 0; i < targets.Count; i++)
        {
            AppendTarget(svg, targets[i], Colour(i, targets.Count), marker);
        }

        if (centroids.Count > 0)
        {
            svg.Append("<g class=\"centroids\" fill=\"#111\"><title>k-means centres</title>");
            foreach (var centre in centroids.Where(Finite))
            {
                svg.Append("<rect x=\"").Append(N(centre.X - marker)).Append("\" y=\"").Append(N(centre.Y - marker))
                    .Append("\" width=\"").Append(N(2 * marker)).Append("\" height=\"").Append(N(2 * marker))
                    .Append("\" transform=\"rotate(45 ").Append(N(centre.X)).Append(' ').Append(N(centre.Y)).Append(")\"/>");
            }

            svg.Append("</g>");
        }

        svg.Append("</svg>");
    }

    private static void AppendTarget(StringBuilder svg, TargetReport target, string colour, double marker)
    {
        svg.Append("<g class=\"target\" data-x=\"").Append(N(target.X)).Append("\" data-y=\"").Append(N(target.Y))
            .Append("\" stroke=\"").Append(colour).Append("\" fill=\"").Append(colour).Append("\"><title>Target ")
            .Append(CalibrationReportPage.Number(target.X)).Append(", ").Append(CalibrationReportPage.Number(target.Y))
            .Append(": accuracy ").Append(CalibrationReportPage.Number(target.Accuracy)).Append(" px</title>");
        if (double.IsFinite(target.Accuracy))
        {
            svg.Append("<circle class=\"accuracy\" cx=\"").Append(N(target.X)).Append("\" cy=\"").Append(N(target.Y)).Append("\" r=\"")
                .Append(N(target.Accuracy)).Append("\" fill=\"none\" stroke-dasharray=\"").Append(N(marker)).Append("\" stroke-width=\"")
                .Append(N(marker / 3)).Append("\"/>");
        }

        foreach (var prediction in target.Predictions.Where(Finite))
        {
            svg.Append("<circle class=\"prediction\" cx=\"").Append(N(prediction.X)).Append("\" cy=\"").Append(N(prediction.Y))
                .Append("\" r=\"").Append(N(marker)).Append("\" fill-opacity=\"0.6\" stroke=\"none\"/>");
        }

        // The target itself: a cross.
        svg.Append("<path class=\"mark\" d=\"M").Append(N(target.X - 2 * marker)).Append(' ').Append(N(target.Y)).Append('h').Append(N(4 * marker))
            .Append('M').Append(N(target.X)).Append(' ').Append(N(target.Y - 2 * marker)).Append('v').Append(N(4 * marker))
            .Append("\" stroke-width=\"").Append(N(marker / 2)).Append("\"/></g>");
    }

    private (double Left, double Top, double Right, double Bottom) Bounds()
    {
        double left = 0, top = 0, right = screenWidth, bottom = screenHeight;
        foreach (var point in targets.SelectMany(target => target.Predictions.Append(new ScreenPoint(target.X, target.Y))).Concat(centroids).Where(Finite))
        {
            left = Math.Min(left, point.X);
            top = Math.Min(top, point.Y);
            right = Math.Max(right, point.X);
            bottom = Math.Max(bottom, point.Y);
        }

        return (left, top, right, bottom);
    }

    private static bool Finite(ScreenPoint point) => double.IsFinite(point.X) && double.IsFinite(point.Y);

    // Only finite values reach the SVG's attributes.
    private static string N(double value) => CalibrationReportPage.Number(value);
}
