using Gaze.Api.RateLimiting;

namespace Gaze.Tests.RateLimiting;

public sealed class LimitStringParserTests
{
    [Theory]
    [InlineData("10 per minute", 10, 60, "10 per 1 minute")]
    [InlineData("10/minute", 10, 60, "10 per 1 minute")]
    [InlineData("5 per 30 seconds", 5, 30, "5 per 30 second")]
    [InlineData("  200 PER Day ", 200, 86400, "200 per 1 day")]
    [InlineData("1/2 hours", 1, 7200, "1 per 2 hour")]
    [InlineData("3 per month", 3, 2592000, "3 per 1 month")]
    [InlineData("7 per year", 7, 31536000, "7 per 1 year")]
    public void Parses_one_limit(string text, int permits, int windowSeconds, string canonical)
    {
        var limit = Assert.Single(LimitStringParser.Parse(text, "S"));
        Assert.Equal(permits, limit.Permits);
        Assert.Equal(TimeSpan.FromSeconds(windowSeconds), limit.Window);
        Assert.Equal(canonical, limit.Text);
    }

    [Theory]
    [InlineData("50 per hour; 200 per day")]
    [InlineData("50 per hour, 200 per day")]
    [InlineData("50/hour|200/day")]
    public void Parses_several_limits(string text)
    {
        var limits = LimitStringParser.Parse(text, "S");
        Assert.Equal([(50, 3600.0), (200, 86400.0)], limits.Select(l => (l.Permits, l.Window.TotalSeconds)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Blank_means_no_limits(string? text) => Assert.Empty(LimitStringParser.Parse(text, "S"));

    [Theory]
    [InlineData("ten per minute")]
    [InlineData("10 per fortnight")]
    [InlineData("10 minute")]
    [InlineData("0 per minute")]
    [InlineData("10 per 0 minutes")]
    [InlineData("-1 per minute")]
    [InlineData("10 per minute;")]
    [InlineData("99999999999 per minute")]
    [InlineData("10 per minute; 20 per 60 seconds")]
    public void Malformed_limits_name_the_setting(string text)
    {
        var error = Assert.Throws<FormatException>(() => LimitStringParser.Parse(text, "RateLimiting:Endpoints:calib"));
        Assert.Contains("RateLimiting:Endpoints:calib", error.Message);
    }
}
