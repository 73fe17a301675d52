using System.Net;

namespace Gaze.Tests.Http;

/// <summary>
/// A request body sent as a slow client sends it: the first part at once, then nothing until the
/// test lets the rest go (or a minute passes), like an upload over a bad link.
/// </summary>
public sealed class TricklingContent(byte[] body, int sentAtOnce) : HttpContent
{
    /// <summary>Set once the first part is on the wire.</summary>
    public TaskCompletionSource FirstPartSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the test to send the rest.</summary>
    public TaskCompletionSource SendRest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<TricklingContent> FromAsync(HttpContent content, int sentAtOnce)
    {
        var trickling = new TricklingContent(await content.ReadAsByteArrayAsync(), sentAtOnce);
        trickling.Headers.ContentType = content.Headers.ContentType;
        return trickling;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(body.AsMemory(0, sentAtOnce));
        await stream.FlushAsync();
        FirstPartSent.TrySetResult();
        await SendRest.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await stream.WriteAsync(body.AsMemory(sentAtOnce));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
