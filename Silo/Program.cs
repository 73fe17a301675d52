using Gaze.Grains.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
ReservedOrleansSettings.ThrowIfMisused(builder.Configuration);
builder.UseOrleans(silo => silo.AddGazeSilo());
await builder.Build().RunAsync();
