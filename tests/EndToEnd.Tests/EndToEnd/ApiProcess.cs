using System.Diagnostics;
using System.Net.Http.Json;
using Gaze.Tests.Http;

namespace Gaze.Tests.EndToEnd;

/// <summary>
/// The built API (<c>Api.dll</c>, copied next to the tests) as a real process on Kestrel at
/// 127.0.0.1, with its own ports and database file, so tests can kill and restart it.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly string _databasePath;
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();
    private readonly object _outputLock = new();
    private readonly System.Text.StringBuilder _output = new();
    private Process? _process;

    public ApiProcess(string databasePath)
    {
        _databasePath = databasePath;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
    }

    public Uri BaseAddress { get; }

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

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Api.dll"),
            $"--Urls={BaseAddress}",
            $"--Orleans:SiloPort={_siloPort}",
            $"--Orleans:GatewayPort={_gatewayPort}",
            $"--Storage:Sqlite:DataSource={_databasePath}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API process.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
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

    private void Append(string? line)
    {
        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                var health = await client.GetFromJsonAsync<Dictionary<string, string>>("/api/session/health");
                if (health?["status"] == "ok")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The API did not become healthy within 60 s:\n{Output}");
    }
}
