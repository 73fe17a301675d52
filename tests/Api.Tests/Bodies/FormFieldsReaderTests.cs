using System.Text;
using Gaze.Api.Bodies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gaze.Tests.Bodies;

/// <summary>
/// A url-encoded form of known, short length is read whole and parsed as text; any other is parsed
/// as it streams in. Both must make the same fields of the same bytes, and refuse the same forms.
/// </summary>
public sealed class FormFieldsReaderTests
{
    private static readonly string[] Names = ["a", "A", "b", "c", "key", "", "é", "x y", "\uFEFFa", "\uFFFD"];

    public static TheoryData<byte[]> Bodies() => new()
    {
        Encoding.UTF8.GetBytes("a=1&b=2"),
        Encoding.UTF8.GetBytes("a=1&a=2&A=3"),
        Encoding.UTF8.GetBytes("a=x+y%20z&x+y=%C3%A9&%C3%A9=%26%3D"),
        Encoding.UTF8.GetBytes("a&b=&=c&&key=v="),
        Encoding.UTF8.GetBytes("a=%E9%FF%zz&b=%"),
        WithByteOrderMark("a=1&b=2"),
        new byte[] { (byte)'a', (byte)'=', 0xC3, 0x28, (byte)'&', 0xFF, (byte)'=', (byte)'1' },
        Encoding.UTF8.GetBytes("key=" + new string('v', 5000) + "&c=" + new string('w', 20000)),
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_short_form_read_whole_gives_the_fields_of_the_same_form_streamed(byte[] body)
    {
        var whole = await ReadAsync(body, knownLength: true, new FormOptions());
        var streamed = await ReadAsync(body, knownLength: false, new FormOptions());
        foreach (var name in Names)
        {
            Assert.Equal(streamed.ValuesOf(name), whole.ValuesOf(name));
        }
    }

    [Fact]
    public async Task The_first_field_of_a_form_with_a_byte_order_mark_is_named_without_it()
    {
        var fields = await ReadAsync(WithByteOrderMark("a=1"), knownLength: true, new FormOptions());
        Assert.Equal(["1"], fields.ValuesOf("a"));
    }

    [Theory]
    [InlineData("a=1&b=2&c=3", 2, 100, 100)]
    [InlineData("key=1", 100, 2, 100)]
    [InlineData("a=12345", 100, 100, 3)]
    public async Task Both_refuse_a_form_over_the_limits(string body, int values, int keyLength, int valueLength)
    {
        var limits = new FormOptions { ValueCountLimit = values, KeyLengthLimit = keyLength, ValueLengthLimit = valueLength };
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(Encoding.UTF8.GetBytes(body), knownLength: true, limits));
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(Encoding.UTF8.GetBytes(body), knownLength: false, limits));
    }

    [Fact]
    public async Task A_body_shorter_than_its_length_is_an_unfinished_body()
    {
        var request = Request(Encoding.UTF8.GetBytes("a=1"), knownLength: true);
        request.ContentLength = 10;
        await Assert.ThrowsAnyAsync<IOException>(() => FormFieldsReader.ReadAsync(request, new FormOptions(), CancellationToken.None));
    }

    private static byte[] WithByteOrderMark(string form) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(form)];

    private static Task<FormFields> ReadAsync(byte[] body, bool knownLength, FormOptions limits) =>
        FormFieldsReader.ReadAsync(Request(body, knownLength), limits, CancellationToken.None);

    private static HttpRequest Request(byte[] body, bool knownLength)
    {
        var request = new DefaultHttpContext().Request;
        request.ContentType = "application/x-www-form-urlencoded";
        request.ContentLength = knownLength ? body.Length : null;
        request.Body = new MemoryStream(body);
        return request;
    }
}
