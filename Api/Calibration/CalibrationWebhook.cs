using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Gaze.Grains.Interfaces.Calibration;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Calibration;

/// <summary>
/// Posts a finished calibration to RUXAILAB's <c>receiveCalibration</c> function. Timeouts and
/// retries come from the resilience handler on this client; a failure is logged and never fails
/// the calibration response.
/// </summary>
public sealed partial class CalibrationWebhook(HttpClient http, IOptions<WebhookOptions> options, ILogger<CalibrationWebhook> logger)
{
    public async Task NotifyAsync(CalibrationRecord record, CancellationToken cancellationToken)
    {
        var baseUrl = options.Value.BaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            LogSkipped(logger, record.Id);
            return;
        }

        var target = new Uri(baseUrl.TrimEnd('/') + "/receiveCalibration");
        try
        {
            using var response = await http.PostAsJsonAsync(target, Payload.From(record), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(logger, record.Id, target);
            }
            else
            {
                LogRefused(logger, record.Id, target, (int)response.StatusCode);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception, record.Id, target);
        }
    }

    /// <summary>The body RUXAILAB's <c>receiveCalibration</c> reads.</summary>
    private sealed record Payload(
        [property: JsonPropertyName("session_id")] string SessionId,
        [property: JsonPropertyName("user_id")] string? UserId,
        [property: JsonPropertyName("study_id")] string? StudyId,
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("screen_height")] double ScreenHeight,
        [property: JsonPropertyName("screen_width")] double ScreenWidth,
        [property: JsonPropertyName("k")] int K)
    {
        public static Payload From(CalibrationRecord record) =>
            new(record.Id, record.UserId, record.StudyId, record.Model, record.ScreenHeight, record.ScreenWidth, record.K);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook not configured ({Variable} / Webhook:BaseUrl); calibration {CalibrationId} not forwarded")]
    private static partial void LogSkippedCore(ILogger logger, string variable, string calibrationId);

    private static void LogSkipped(ILogger logger, string calibrationId) => LogSkippedCore(logger, WebhookOptions.FunctionsEndpointUrlKey, calibrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calibration {CalibrationId} forwarded to {Target}")]
    private static partial void LogDelivered(ILogger logger, string calibrationId, Uri target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Target} refused calibration {CalibrationId} with {Status}")]
    private static partial void LogRefused(ILogger logger, string calibrationId, Uri target, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Target} failed for calibration {CalibrationId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string calibrationId, Uri target);
}
