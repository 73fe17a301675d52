namespace Gaze.Tests.Http;

/// <summary>What a host that must not start says when it is started.</summary>
public static class StartupFailure
{
    /// <summary>
    /// Starts a host from <paramref name="create"/> and returns every message of the exception that
    /// stopped it (it must stop). Once in a while, with several test assemblies on two cores, the
    /// test host reports a disposed object while it tears down the refused start instead of the
    /// refusal itself; such a start is tried once more, so the assertion still reads the refusal.
    /// </summary>
    public static string MessagesOf(Func<ApiFactory> create)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var factory = create();
            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            if (attempt == 1 && error is ObjectDisposedException)
            {
                continue;
            }

            return ExceptionMessages.Of(error) + "\n" + error;
        }
    }
}
