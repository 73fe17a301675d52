namespace Gaze.Tests;

/// <summary>Exception chains as one text, for asserting what a failed start said.</summary>
public static class ExceptionMessages
{
    /// <summary>The messages of <paramref name="error"/> and every inner exception, joined by <c> | </c>.</summary>
    public static string Of(Exception error)
    {
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
