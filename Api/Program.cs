using Gaze.Api.Calibration;
using Gaze.Api.Endpoints;
using Gaze.Api.Hosting;
using Gaze.Api.OpenApi;
using Gaze.Api.Prediction;
using Gaze.Api.Problems;
using Gaze.Management.Hosting;

var builder = WebApplication.CreateBuilder(args);
// Embedded default: a silo in this process (localhost clustering, SQLite storage). In a cluster the
// process may instead be a client of the silos (Orleans:Role=client); see the README.
var role = builder.AddGazeOrleans();
// The public API on Urls, operators' endpoints on Management:Urls (README "Operate it").
builder.AddGazeManagement(servesPublicApi: true, role);
builder.Services.AddGazeApi();

var app = builder.Build();
app.UseGazeApi();
app.MapHealthApi();
app.MapRateLimitStatusApi();
app.MapCalibrationApi();
app.MapBatchPredictionApi();
app.MapProblemPages();
app.MapApiDocuments();
app.MapGazeManagement();
app.Run();

/// <summary>Entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
