using Gaze.Api.Calibration;
using Gaze.Api.Endpoints;
using Gaze.Api.Hosting;
using Gaze.Api.Prediction;
using Gaze.Grains.Hosting;

var builder = WebApplication.CreateBuilder(args);
// Embedded default: a silo in this process (localhost clustering, SQLite storage); grains are
// reached through the co-hosted IGrainFactory, so no Orleans client is registered.
builder.UseOrleans(silo => silo.AddGazeSilo());
builder.Services.AddGazeApi();

var app = builder.Build();
app.UseGazeApi();
app.MapHealthApi();
app.MapRateLimitStatusApi();
app.MapCalibrationApi();
app.MapBatchPredictionApi();
app.Run();

/// <summary>Entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
