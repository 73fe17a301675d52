using Gaze.Grains.Hosting;
using Gaze.Management.Hosting;

// A silo serves no public API; its web host is only the management listener (Management:Urls:
// metrics, readiness, dashboard, calibration reports), and none at all when that is turned off.
var builder = WebApplication.CreateBuilder(args);
ReservedOrleansSettings.ThrowIfMisused(builder.Configuration);
builder.UseOrleans(silo => silo.AddGazeSilo().AddGazeManagement());
builder.AddGazeManagement(servesPublicApi: false, OrleansRole.Cohosted);

var app = builder.Build();
app.UseRouting();
app.UseGazeListeners();
app.MapGazeManagement();
await app.RunAsync();
