namespace Gaze.Grains.Interfaces;

/// <summary>
/// How long a caller waits for an ML grain call. It is set on those methods alone
/// (<see cref="ResponseTimeoutAttribute"/>), so every other grain call keeps Orleans' 30 s default;
/// a call ends much sooner, when its time budget cancels it (<c>Calibration:TimeBudget</c>,
/// <c>Prediction:TimeBudget</c>, which may not exceed <see cref="LongestBudget"/>).
/// </summary>
public static class MlCallTimeout
{
    /// <summary>The attribute's value: 30 minutes.</summary>
    public const string Text = "00:30:00";

    /// <summary>The longest time budget a setting may give: the call timeout less a margin for the answer.</summary>
    public static readonly TimeSpan LongestBudget = TimeSpan.Parse(Text, System.Globalization.CultureInfo.InvariantCulture) - TimeSpan.FromSeconds(30);
}
