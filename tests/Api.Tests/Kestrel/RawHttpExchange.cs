using System.Net.Sockets;
using System.Text;

namespace Gaze.Tests.Http;

/// <summary>
/// One HTTP/1.1 exchange over a plain socket, for what HttpClient will not do: stop sending a body
/// half-way and still read the answer the server gives meanwhile. Reads until the server closes the
/// connection, so it also proves that it does.
/// </summary>
public static class RawHttpExchange
{
    public sealed record Answer(int Status, string Head, string Body)
    {
        /// <summary>The value of header <paramref name="name"/>, or null.</summary>
        public string? Header(string name) => Head.Split("\r\n").Skip(1)
            .Select(line => line.Split(':', 2))
            .FirstOrDefault(pair => pair[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))?[1].Trim();
    }

    /// <summary>
    /// The head of <paramref name="request"/> with <paramref name="framing"/> in place of its content's
    /// length, asking the server to close after answering.
    /// </summary>
    public static string HeadOf(HttpRequestMessage request, string framing)
    {
        var head = new StringBuilder($"{request.Method} {request.RequestUri} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{framing}\r\n");
        var contentHeaders = request.Content?.Headers.Where(header => header.Key != "Content-Length") ?? [];
        foreach (var (name, values) in request.Headers.Concat(contentHeaders))
        {
            head.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
        }

        return head.ToString();
    }

    /// <summary>Sends <paramref name="head"/> and <paramref name="partialBody"/>, then only listens, for at most <paramref name="timeout"/>.</summary>
    public static async Task<Answer> SendPartialAsync(Uri server, string head, byte[] partialBody, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(timeout);
        await client.ConnectAsync(server.Host, server.Port, deadline.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n") + "\r\n"), deadline.Token);
        await stream.WriteAsync(partialBody, deadline.Token);

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, deadline.Token);
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var responseHead = text[..split];
        var body = text[(split + 4)..];
        if (responseHead.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new Answer(int.Parse(responseHead.Split(' ')[1]), responseHead, body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..lineEnd], 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
