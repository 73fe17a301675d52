using Gaze.Api.Calibration;
using Gaze.Api.Endpoints;
using Gaze.Api.Hosting;
using Gaze.Api.Prediction;
using Gaze.Api.Problems;

var builder = WebApplication.CreateBuilder(args);
// Embedded default: a silo in this process (localhost clustering, SQLite storage). In a cluster the
// process may instead be a client of the silos (Orleans:Role=client); see the README.
builder.AddGazeOrleans();
builder.Services.AddGazeApi();

var app = builder.Build();
app.UseGazeApi();
app.MapHealthApi();
app.MapRateLimitStatusApi();
app.MapCalibrationApi();
app.MapBatchPredictionApi();
app.MapProblemPages();
app.Run();

/// <summary>Entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
