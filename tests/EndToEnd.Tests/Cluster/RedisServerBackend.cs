using System.Diagnostics;
using Gaze.Tests.Http;
using StackExchange.Redis;

namespace Gaze.Tests.Cluster;

/// <summary>
/// Debian's <c>redis-server</c> as a child process on a free loopback port, without persistence
/// (each test's cluster has its own ids, so nothing is shared). Killed by its id when disposed.
/// </summary>
public sealed class RedisServerBackend : IRedisBackend
{
    private const string Program = "/usr/bin/redis-server";

    private readonly Process _process;

    private RedisServerBackend(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>Whether the Debian package <c>redis-server</c> is installed.</summary>
    public static bool IsAvailable => File.Exists(Program);

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServerBackend> StartAsync()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var backend = new RedisServerBackend(process, port);
        await backend.WaitUntilAnsweringAsync();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
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

        throw new TimeoutException($"redis-server on port {Port} did not answer within 30 s.");
    }
}
