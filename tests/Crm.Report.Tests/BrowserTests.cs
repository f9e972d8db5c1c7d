using System.Text.Json;
using NodaTime.Testing;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace Crm.Report.Tests;

/// <summary>
/// The demo HTML report in a real browser — Debian's headless Chromium (<c>/usr/bin/chromium</c>, or
/// <c>CRM_CHROMIUM</c>) at 1400 px: every chart renders with a size, a title and its axis titles (a radar, its
/// dimension labels), the page logs no error and requests nothing but itself. A full-page screenshot goes to
/// <c>CRM_SCREENSHOT_DIR</c> (CI: artifacts/). Without the browser the test fails under <c>CI=true</c> and says so
/// elsewhere.
/// </summary>
public sealed class BrowserTests(ITestOutputHelper output) : IDisposable
{
    private static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 11, 2, 8, 0));
    private readonly string _temp = Directory.CreateTempSubdirectory("crm-browser-tests").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task The_demo_html_report_renders_every_chart_in_headless_Chromium_without_an_error_or_a_request()
    {
        var chromium = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"CI needs a browser at {chromium}: .ci/run installs Debian's chromium.");
            output.WriteLine($"No browser at {chromium}: not checked here (apt-get install chromium, or set CRM_CHROMIUM).");
            return;
        }

        var page = Path.Combine(_temp, "report.html");
        var stderr = new StringWriter();
        Assert.True(ReportApp.Run(["--calibration-end", "2026-06-30", "--holdout-end", "2026-10-31", "--format", "html", "--out", page], new StringWriter(), stderr, Clock) == 0, stderr.ToString());
        var url = new Uri(page).AbsoluteUri;

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var tab = await browser.NewPageAsync();
        await tab.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
        var errors = new List<string>();
        var requests = new List<string>();
        tab.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                errors.Add(e.Message.Text);
            }
        };
        tab.PageError += (_, e) => errors.Add(e.Message);
        tab.Request += (_, e) => requests.Add(e.Request.Url);
        await tab.GoToAsync(url, WaitUntilNavigation.Load);

        var charts = JsonDocument.Parse(await tab.EvaluateExpressionAsync<string>("""
            JSON.stringify([...document.querySelectorAll('svg.chart')].map(svg => {
              const box = svg.getBoundingClientRect();
              return {
                id: svg.id,
                width: box.width,
                height: box.height,
                title: (svg.querySelector('title')?.textContent ?? '').trim(),
                axisTitles: [...svg.querySelectorAll('text.axis-title')].filter(t => t.getBBox().width > 0).length,
                labels: [...svg.querySelectorAll('text.label')].filter(t => t.getBBox().width > 0).length,
              };
            }))
            """)).RootElement.EnumerateArray().ToList();
        var screenshots = Environment.GetEnvironmentVariable("CRM_SCREENSHOT_DIR") ?? _temp;
        Directory.CreateDirectory(screenshots);
        await tab.ScreenshotAsync(Path.Combine(screenshots, "demo-report.png"), new ScreenshotOptions { FullPage = true });

        Assert.Empty(errors);
        Assert.All(requests, r => Assert.Equal(url, r));
        Assert.True(charts.Count >= 15, $"{charts.Count} charts");
        foreach (var chart in charts)
        {
            var id = chart.GetProperty("id").GetString()!;
            Assert.True(chart.GetProperty("width").GetDouble() > 100 && chart.GetProperty("height").GetDouble() > 50, $"{id} has no size");
            Assert.False(string.IsNullOrEmpty(chart.GetProperty("title").GetString()), $"{id} has no title");
            var axes = chart.GetProperty("axisTitles").GetInt32();
            Assert.True(id.StartsWith("chart-radar-", StringComparison.Ordinal) ? chart.GetProperty("labels").GetInt32() >= 3 : axes >= 1, $"{id}: {axes} axis titles drawn");
        }

        output.WriteLine($"{charts.Count} charts checked: {string.Join(", ", charts.Select(c => c.GetProperty("id").GetString()))}");
    }
}
