using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using Gaze.Tests.Http;

namespace Gaze.Tests.Processes;

/// <summary>
/// One of the service's programs (<c>Api.dll</c> or <c>Silo.dll</c>, from its own build output) as a
/// real process, with settings given on its command line. Killed by its process id when disposed,
/// also when the test failed.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _program;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Lock _outputLock = new();
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServiceProcess(string program, IReadOnlyDictionary<string, string> settings, Uri? baseAddress)
    {
        _program = program;
        // Every process gets a management listener of its own, never the default port.
        ManagementAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _settings = new Dictionary<string, string>(settings) { ["Management:Urls"] = ManagementAddress.ToString() };
        BaseAddress = baseAddress;
    }

    /// <summary>Where an API process serves HTTP; null for a silo.</summary>
    public Uri? BaseAddress { get; }

    /// <summary>Where the process serves metrics, readiness, the dashboard and calibration reports.</summary>
    public Uri ManagementAddress { get; }

    /// <summary>A short name for failure messages, e.g. <c>Silo 11234</c>.</summary>
    public string Name => $"{_program} {(BaseAddress?.Port.ToString() ?? _settings.GetValueOrDefault("Orleans:SiloPort", "?"))}";

    /// <summary>A setting this process was started with, e.g. <c>Orleans:SiloPort</c>.</summary>
    public string? Setting(string key) => _settings.GetValueOrDefault(key);

    /// <summary>The process id while it runs.</summary>
    public int? Id => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>What the process printed so far (both streams), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>An API process on <paramref name="httpPort"/> with <paramref name="settings"/> over its appsettings.json.</summary>
    public static ServiceProcess Api(int httpPort, IReadOnlyDictionary<string, string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        return new ServiceProcess("Api", new Dictionary<string, string>(settings) { ["Urls"] = baseAddress.ToString() }, baseAddress);
    }

    /// <summary>A standalone silo with <paramref name="settings"/> over its appsettings.json.</summary>
    public static ServiceProcess Silo(IReadOnlyDictionary<string, string> settings) => new("Silo", settings, baseAddress: null);

    /// <summary>The embedded default (co-hosted silo, SQLite in <paramref name="databasePath"/>) on free ports, with <paramref name="more"/> settings.</summary>
    public static ServiceProcess EmbeddedApi(string databasePath, params (string Key, string Value)[] more) => Api(FreePort.Next(), new Dictionary<string, string>(more.Select(setting => KeyValuePair.Create(setting.Key, setting.Value)))
    {
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        ["Storage:Sqlite:DataSource"] = databasePath,
        // A slow decision on a busy test machine shows as a 503 instead of an uncounted admission.
        ["RateLimiting:FailurePolicy"] = "closed",
        ["RateLimiting:DecisionTimeout"] = "00:00:10",
    });

    public async Task StartAsync()
    {
        var directory = OutputDirectory(_program);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(directory, _program + ".dll"));
        foreach (var (key, value) in _settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    // Each program runs from its own build output, so it reads its own appsettings.json.
    private static string OutputDirectory(string program) =>
        typeof(ServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == program + "Directory").Value!;

    private void Append(string? line)
    {
        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
            }

            if (await IsReadyAsync(client))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not ready within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    // An API is ready when its health answers; a silo when the host reports it started (after the silo joined).
    private async Task<bool> IsReadyAsync(HttpClient client)
    {
        if (BaseAddress is null)
        {
            return Output.Contains("Application started.", StringComparison.Ordinal);
        }

        try
        {
            var health = await client.GetFromJsonAsync<Dictionary<string, string>>(new Uri(BaseAddress, "/api/session/health"));
            return health?["status"] == "ok";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false; // not listening, or not answering yet
        }
    }
}
