using Microsoft.Extensions.Hosting;
using Gaze.Grains.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddGazeSilo(builder.Configuration));
await builder.Build().RunAsync();
