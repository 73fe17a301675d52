using System.Collections.Concurrent;
using PuppeteerSharp;

namespace Gaze.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol (PuppeteerSharp). Started with the
/// switches that keep it off the network it has no business with, in a fresh profile; its process
/// is killed by id when disposed, also when a test failed.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "gaze-chromium-" + Guid.NewGuid().ToString("N"));
    private IBrowser? _browser;

    public static async Task<HeadlessChromium> StartAsync()
    {
        var chromium = new HeadlessChromium();
        try
        {
            chromium._browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = ChromiumFactAttribute.Executable,
                Headless = true,
                UserDataDir = chromium._profile,
                Timeout = 60_000,
                DefaultViewport = new ViewPortOptions { Width = 1280, Height = 900 },
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                ],
            });
            return chromium;
        }
        catch
        {
            await chromium.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="url"/>, waits until no request has been in flight for 500 ms and
    /// <paramref name="rendered"/> (a JavaScript predicate) holds, saves a full-page screenshot to
    /// <paramref name="screenshot"/>, and returns what the page logged as errors: console errors,
    /// uncaught exceptions, failed requests and error statuses.
    /// </summary>
    public async Task<(IPage Page, IReadOnlyList<string> Errors)> OpenAsync(Uri url, string rendered, string screenshot)
    {
        var page = await _browser!.NewPageAsync();
        page.DefaultTimeout = 30_000;
        // Filled by several DevTools events at once.
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                errors.Enqueue($"console: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => errors.Enqueue($"uncaught: {e.Message}");
        page.RequestFailed += (_, e) => errors.Enqueue($"request failed: {e.Request.Url} {e.Request.FailureText}");
        page.Response += (_, e) =>
        {
            if ((int)e.Response.Status >= 400)
            {
                errors.Enqueue($"HTTP {(int)e.Response.Status}: {e.Response.Url}");
            }
        };
        await page.GoToAsync(url.ToString(), WaitUntilNavigation.Networkidle0);
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        try
        {
            await page.WaitForFunctionAsync(rendered);
        }
        catch (WaitTaskTimeoutException timeout)
        {
            await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
            var text = await page.EvaluateExpressionAsync<string>("document.body ? document.body.innerText.slice(0, 2000) : ''");
            throw new TimeoutException($"{url} did not render ({rendered}). Errors:\n{string.Join("\n", errors)}\nPage text:\n{text}", timeout);
        }

        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        return (page, [.. errors]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            var process = _browser.Process;
            try
            {
                await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is TimeoutException or PuppeteerException)
            {
                // Killed below.
            }
            finally
            {
                if (process is { HasExited: false })
                {
                    process.Kill(entireProcessTree: true);
                }

                await _browser.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be releasing its profile; it is a temporary folder.
        }
    }
}
