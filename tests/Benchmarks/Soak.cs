using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Gaze.Tests.Http;
using Gaze.Tests.Upstream;

namespace Gaze.Benchmarks;

/// <summary>
/// A long run of mixed traffic against a running service, as many clients send it: health checks,
/// limit status, calibrations, batches of a stored calibration, and one client hammering the
/// calibration route into 429s. ML requests are kept within what the node runs and queues
/// (<c>Api:MlConcurrency</c> + <c>Api:MlQueueLimit</c>), as well-behaved clients would, so every 5xx
/// is a fault. Samples the service's resident memory every second, also while the clients are idle
/// afterwards, and prints the figures as markdown.
/// </summary>
public static class Soak
{
    private const int Workers = 32;
    private const int MlInFlight = 6;
    private const string Hammer = "10.255.255.1";

    private static readonly (string Kind, int Weight)[] Mix = [("health", 30), ("status", 15), ("batch", 30), ("calibration", 5), ("hammer", 20)];

    public static async Task RunAsync(Uri service, int processId, TimeSpan duration, int clients, TimeSpan idle)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Workers }) { BaseAddress = service, Timeout = TimeSpan.FromMinutes(2) };
        var calibrationId = "soak-" + Guid.NewGuid().ToString("N");
        using (var setup = await http.SendAsync(Calibration(calibrationId, "10.255.255.2")))
        {
            setup.EnsureSuccessStatusCode();
        }

        // Warm up with a few clients (JIT, models, pools), so the memory measured from here on is the clients'.
        await new Load(http, calibrationId, 50).RunAsync(TimeSpan.FromSeconds(20));
        var memory = new MemorySampler(processId);
        var startRss = memory.Sample();
        var load = new Load(http, calibrationId, clients);
        using (var sampling = new CancellationTokenSource(duration))
        {
            var sampled = memory.RunAsync(sampling.Token);
            await load.RunAsync(duration);
            await sampled;
        }

        var peakRss = memory.Peak;
        var endRss = memory.Sample();

        // Idle: no client sends anything while their grains reach their collection age.
        using (var idleStop = new CancellationTokenSource(idle))
        {
            await memory.RunAsync(idleStop.Token);
        }

        var idleRss = memory.Sample();
        load.Report(clients, (startRss, peakRss, endRss, idleRss), idle);
    }

    /// <summary>The mixed traffic of <see cref="Workers"/> concurrent clients, and what it was answered.</summary>
    private sealed class Load(HttpClient http, string calibrationId, int clients)
    {
        private readonly ConcurrentDictionary<(string Kind, int Status), int> _statuses = new();
        private readonly Dictionary<string, ConcurrentBag<double>> _latencies = Mix.ToDictionary(m => m.Kind, _ => new ConcurrentBag<double>());
        private readonly ConcurrentBag<string> _errors = [];
        private readonly ConcurrentDictionary<string, byte> _keys = new();
        private readonly SemaphoreSlim _ml = new(MlInFlight);
        private double _seconds;

        public async Task RunAsync(TimeSpan duration)
        {
            using var stop = new CancellationTokenSource(duration);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(w, stop.Token))));
            _seconds = clock.Elapsed.TotalSeconds;
        }

        private async Task WorkAsync(int worker, CancellationToken stop)
        {
            var random = new Random(worker);
            var calibrations = 0;
            while (!stop.IsCancellationRequested)
            {
                var kind = Pick(random);
                var n = random.Next(clients);
                var client = $"10.{n / 62_500}.{n / 250 % 250}.{n % 250 + 1}";
                var isMl = kind is "batch" or "calibration";
                if (isMl)
                {
                    await _ml.WaitAsync();
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var request = kind switch
                    {
                        "health" => new HttpRequestMessage(HttpMethod.Get, "/api/session/health"),
                        "status" => From(new HttpRequestMessage(HttpMethod.Get, "/api/ratelimit/status"), client),
                        "batch" => From(new HttpRequestMessage(HttpMethod.Post, "/api/session/batch_predict") { Content = BatchBody.Json(BatchBody.Ruxailab(calibrationId, Session)) }, client),
                        "calibration" => Calibration($"soak-{worker}-{Guid.NewGuid():N}-{calibrations++}", client),
                        _ => From(new HttpRequestMessage(HttpMethod.Post, "/api/session/calib_validation"), Hammer),
                    };
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    _statuses.AddOrUpdate((kind, (int)response.StatusCode), 1, (_, count) => count + 1);
                    _latencies[kind].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (kind is not "health")
                    {
                        _keys.TryAdd(kind == "hammer" ? Hammer : client, 0);
                    }

                    if ((int)response.StatusCode >= 500 && _errors.Count < 20)
                    {
                        _errors.Add($"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    _statuses.AddOrUpdate((kind, 0), 1, (_, count) => count + 1);
                    _errors.Add($"{kind}: {exception.GetType().Name} {exception.Message}");
                }
                finally
                {
                    if (isMl)
                    {
                        _ml.Release();
                    }
                }
            }
        }

        public void Report(int clients, (long Start, long Peak, long End, long Idle) rss, TimeSpan idle)
        {
            var total = _statuses.Values.Sum();
            var failures = _statuses.Where(s => s.Key.Status is 0 or >= 500).Sum(s => s.Value);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total:N0} requests in {_seconds:0} s ({total / _seconds:N0}/s) from {clients:N0} client addresses ({_keys.Count:N0} seen by the limiter); 5xx or no answer: {failures}"));
            Console.WriteLine();
            Console.WriteLine("| Request | Answers | p50 | p99 |");
            Console.WriteLine("|---|---|---:|---:|");
            foreach (var (kind, _) in Mix)
            {
                var answers = string.Join(", ", _statuses.Where(s => s.Key.Kind == kind).OrderBy(s => s.Key.Status).Select(s => $"{s.Key.Status}: {s.Value:N0}"));
                double[] sorted = [.. _latencies[kind].Order()];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {answers} | {Percentile(sorted, 0.5):0.0} ms | {Percentile(sorted, 0.99):0.0} ms |"));
            }

            Console.WriteLine();
            Console.WriteLine("| Service RSS | MiB |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| at start (after 20 s of warm-up from 50 clients) | {rss.Start / 1048576.0:N0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| peak under load | {rss.Peak / 1048576.0:N0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| when the load stopped | {rss.End / 1048576.0:N0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| after {idle.TotalSeconds:0} s idle | {rss.Idle / 1048576.0:N0} |"));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS growth per limiter key at the peak: {(rss.Peak - rss.Start) / (double)Math.Max(1, _keys.Count):N0} B"));
            foreach (var error in _errors.Take(10))
            {
                Console.WriteLine("    " + error);
            }
        }
    }

    private static readonly double[][] Session = [.. Enumerable.Range(0, 300).Select(i => new[] { 0.35 + i % 7 * 0.01, 0.45, 0.65 + i % 5 * 0.01, 0.45 })];

    private static string Pick(Random random)
    {
        var roll = random.Next(Mix.Sum(m => m.Weight));
        foreach (var (kind, weight) in Mix)
        {
            if ((roll -= weight) < 0)
            {
                return kind;
            }
        }

        return Mix[^1].Kind;
    }

    private static HttpRequestMessage Calibration(string id, string client) =>
        From(new HttpRequestMessage(HttpMethod.Post, "/api/session/calib_validation") { Content = CalibrationForm.FromSamples(UpstreamFixture.Samples(), id).ToContent() }, client);

    /// <summary>The service trusts loopback proxies, so the client's address is the forwarded one.</summary>
    private static HttpRequestMessage From(HttpRequestMessage request, string client)
    {
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }

    private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    /// <summary>The service's resident set size (VmRSS in /proc), sampled every second.</summary>
    private sealed class MemorySampler(int processId)
    {
        public long Peak { get; private set; }

        public long Sample()
        {
            var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var bytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            Peak = Math.Max(Peak, bytes);
            return bytes;
        }

        public async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                Sample();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
