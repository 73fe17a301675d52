using System.Diagnostics;
using Gaze.Tests.Http;
using StackExchange.Redis;

namespace Gaze.Tests.Cluster;

/// <summary>
/// Debian's <c>redis-server</c> as a child process on a free loopback port. Without persistence by
/// default (each test's cluster has its own ids); with <c>persistent</c>, an append-only file in a
/// temporary folder, so it can be stopped and started again with its data, as an operator would.
/// Killed by its process id when disposed.
/// </summary>
public sealed class RedisServerBackend : IRedisBackend
{
    private const string Program = "/usr/bin/redis-server";

    private readonly string? _directory;
    private Process? _process;

    private RedisServerBackend(int port, string? directory)
    {
        Port = port;
        _directory = directory;
    }

    /// <summary>Whether the Debian package <c>redis-server</c> is installed.</summary>
    public static bool IsAvailable => File.Exists(Program);

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServerBackend> StartAsync(bool persistent = false)
    {
        var directory = persistent ? Directory.CreateTempSubdirectory("gaze-redis-").FullName : null;
        var backend = new RedisServerBackend(FreePort.Next(), directory);
        try
        {
            await backend.StartAgainAsync();
            return backend;
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again) on the same port and with the same data.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = _directory is null
            ? ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            : ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--dir", _directory];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync();
    }

    /// <summary>A clean stop (<c>SHUTDOWN</c>, which writes the append-only file), waiting for the process to end.</summary>
    public async Task StopAsync()
    {
        await using (var connection = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},allowAdmin=true"))
        {
            try
            {
                connection.GetServer(ConnectionString).Shutdown(ShutdownMode.Default);
            }
            catch (RedisConnectionException)
            {
                // The server closes the connection as it goes: that is the answer.
            }
        }

        await _process!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !_process!.HasExited)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(50);
            }
        }

        throw _process!.HasExited
            ? new InvalidOperationException($"redis-server on port {Port} exited with {_process.ExitCode}.")
            : new TimeoutException($"redis-server on port {Port} did not answer within 30 s.");
    }
}
