using System.Globalization;
using System.Net;
using System.Text;
using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Management.Reports;

/// <summary>
/// Renders a stored calibration as one HTML page: its facts, an SVG scatter of each target and its
/// held-out predictions over the screen rectangle (one colour per target, a circle of the
/// target's accuracy around it, the k-means centres), and a table of the per-target metrics.
/// Each target's marks are one <c>&lt;g class="target"&gt;</c> element. Written by hand because it
/// is one small page without script; a templating engine would be a larger dependency than the page.
/// </summary>
public sealed class CalibrationReportPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string NotFound(string id) => Page("Calibration not found", new StringBuilder()
        .Append("<h1>Calibration not found</h1><p>No calibration is stored under <code>").Append(Encode(id))
        .Append("</code>. Calibrations are stored by <code>POST /api/session/calib_validation</code> under their <code>file_name</code>.</p>"));

    public string Unavailable(string id) => Page("Calibration store unavailable", new StringBuilder()
        .Append("<h1>Calibration store unavailable</h1><p>The store holding <code>").Append(Encode(id))
        .Append("</code> cannot be reached right now. Reload in a few seconds.</p>"));

    public string Render(StoredCalibration stored)
    {
        var record = stored.Record;
        var report = stored.Report;
        var targets = report is null ? TargetsOf(record) : [.. report.Targets];
        var body = new StringBuilder();
        body.Append("<h1>Calibration <code>").Append(Encode(record.Id)).Append("</code></h1>");
        AppendFacts(body, stored);
        if (report is null)
        {
            body.Append("<p class=\"note\">No results are stored with this calibration: it was stored before results were kept, ")
                .Append("or calibrating it did not finish. The targets are drawn without predictions.</p>");
        }

        new ScatterPlot(record.ScreenWidth, record.ScreenHeight, targets, report?.Centroids ?? []).AppendTo(body);
        AppendTargetTable(body, targets, report is not null);
        return Page($"Calibration {record.Id}", body);
    }

    private static void AppendFacts(StringBuilder body, StoredCalibration stored)
    {
        var record = stored.Record;
        var report = stored.Report;
        body.Append("<table class=\"facts\">");
        Fact(body, "Model", record.Model);
        Fact(body, "Stored", $"{Time(stored.UpdatedAt)} (version {stored.Version}, first stored {Time(stored.CreatedAt)})");
        Fact(body, "Screen", $"{Number(record.ScreenWidth)} × {Number(record.ScreenHeight)} px");
        Fact(body, "Samples", $"{record.Fixed.Length} calibration samples, {record.Validation.Length} validation samples, k = {record.K}");
        if (report is not null)
        {
            Fact(body, "Calibrated", Time(report.CalibratedAt));
            Fact(body, "Split", $"{report.TrainRows} training rows, {report.TestRows} held-out rows ({report.Split})");
            // Reports kept before the models were recorded per axis used the record's model for both.
            Fact(body, "Chosen for x", $"{report.ModelX ?? record.Model}: {Parameters(report.ChosenX)}");
            Fact(body, "Chosen for y", $"{report.ModelY ?? record.Model}: {Parameters(report.ChosenY)}");
        }

        if (record.UserId is not null || record.StudyId is not null)
        {
            Fact(body, "User / study", $"{record.UserId ?? "-"} / {record.StudyId ?? "-"}");
        }

        body.Append("</table>");
    }

    private static void AppendTargetTable(StringBuilder body, IReadOnlyList<TargetReport> targets, bool withResults)
    {
        body.Append("<table class=\"targets\"><thead><tr><th></th><th>Target (x, y)</th>");
        if (withResults)
        {
            body.Append("<th>Predictions kept</th><th>Accuracy (px)</th><th>PrecisionSD (px)</th>");
        }

        body.Append("</tr></thead><tbody>");
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            body.Append("<tr><td><span class=\"swatch\" style=\"background:").Append(ScatterPlot.Colour(i, targets.Count)).Append("\"></span></td><td>")
                .Append(Number(target.X)).Append(", ").Append(Number(target.Y)).Append("</td>");
            if (withResults)
            {
                body.Append("<td>").Append(target.Predictions.Length.ToString(Invariant)).Append("</td><td>").Append(Number(target.Accuracy))
                    .Append("</td><td>").Append(Number(target.PrecisionSd)).Append("</td>");
            }

            body.Append("</tr>");
        }

        body.Append("</tbody></table>");
    }

    /// <summary>The distinct targets of the calibration samples, for a record without a report.</summary>
    private static TargetReport[] TargetsOf(CalibrationRecord record) =>
        [.. record.Fixed.Select(point => (point.PointX, point.PointY)).Distinct().Order()
            .Select(target => new TargetReport(target.PointX, target.PointY, [], double.NaN, double.NaN))];

    private static void Fact(StringBuilder body, string name, string value) =>
        body.Append("<tr><th>").Append(Encode(name)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");

    private static string Parameters(IReadOnlyDictionary<string, string> chosen) =>
        chosen.Count == 0 ? "no grid search" : string.Join(", ", chosen.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} = {pair.Value}"));

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    internal static string Number(double value) => double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", Invariant) : "-";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, StringBuilder body) => new StringBuilder()
        .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
        .Append(Encode(title)).Append("</title><style>")
        .Append("body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}code{font-size:1.05em}")
        .Append("table{border-collapse:collapse;margin:1rem 0}th,td{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #ddd}")
        .Append("table.targets td{text-align:right}.swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:50%}")
        .Append("svg.scatter{width:100%;max-width:960px;height:auto;border:1px solid #ccc;background:#fafafa}.note{color:#a33}")
        .Append("</style></head><body>").Append(body).Append("</body></html>").ToString();
}
