using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gaze.Tests.Upstream;

namespace Gaze.Tests.Http;

/// <summary>
/// One hostile or broken request and what the service must answer: its status, and the field the
/// problem names (<c>fields</c>, for 400 and an unknown calibration) or the problem type (otherwise).
/// </summary>
/// <remarks>
/// A case with <see cref="Framing"/> is sent over a plain socket with that framing instead of the
/// content's own length, for bodies HttpClient cannot send and still read the answer: a client that
/// declares a body too large and waits, or one whose chunked body overflows.
/// </remarks>
public sealed record BadInput(string Name, HttpMethod Method, string Path, Func<HttpContent?> Content, HttpStatusCode Status, string Names, RawFraming? Framing = null)
{
    public override string ToString() => Name;
}

/// <summary>The framing header (Content-Length or Transfer-Encoding) and the bytes sent after the head.</summary>
public sealed record RawFraming(string Header, byte[] Body);

/// <summary>
/// The bad-input corpus over every route: wrong types, missing and repeated fields, number tokens
/// JSON has not, broken text, hostile ids, deep nesting, oversized bodies with and without a length,
/// broken multipart, wrong content types, odd methods and paths. <see cref="MaxBodyBytes"/> is the
/// body limit of the service it runs against.
/// </summary>
public static class BadInputCorpus
{
    public const int MaxBodyBytes = 256 * 1024;

    private const string Calibration = "/api/session/calib_validation";
    private const string Batch = "/api/session/batch_predict";
    private const string Health = "/api/session/health";
    private const string Status = "/api/ratelimit/status";

    private static readonly string[] RequiredFormFields = ["from_ruxailab", "file_name", "fixed_circle_iris_points", "calib_circle_iris_points", "screen_height", "screen_width", "k"];
    private static readonly string[] FormFields = [.. RequiredFormFields, "user_id", "study_id", "model"];
    private static readonly string LongId = "\"" + new string('a', 10_240) + "\"";
    private static readonly string DeepArray = new string('[', 200) + new string(']', 200);

    public static readonly IReadOnlyList<BadInput> All = [.. CalibrationCases(), .. BatchCases(), .. MethodAndPathCases()];

    public static BadInput Named(string name) => All.Single(c => c.Name == name);

    /// <summary>The valid calibration the form cases start from.</summary>
    public static CalibrationForm ValidForm(string id = "corpus-form") => CalibrationForm.FromSamples(UpstreamFixture.Samples(), id);

    /// <summary>The valid stored-mode batch the batch cases start from.</summary>
    public static string ValidBatch(string id = "corpus-form") => BatchBody.Ruxailab(id, BatchBody.FixtureSession).ToJsonString();

    private static IEnumerable<BadInput> CalibrationCases()
    {
        BadInput Form(string name, Func<CalibrationForm, CalibrationForm> change, string names, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            new("calib: " + name, HttpMethod.Post, Calibration, () => change(ValidForm()).ToContent(), status, names);
        BadInput Raw(string name, Func<HttpContent> content, string names, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            new("calib: " + name, HttpMethod.Post, Calibration, content, status, names);

        foreach (var field in RequiredFormFields)
        {
            yield return Form($"{field} missing", form => form.Without(field), field);
            yield return Raw($"{field} only in other letter case", () => Renamed(field, char.ToUpperInvariant(field[0]) + field[1..]), field);
        }

        foreach (var field in FormFields)
        {
            yield return Raw($"{field} sent twice", () => With(ValidForm().ToContent(), field, "\"again\""), field);
            yield return Form($"{field} not JSON", form => form.Raw(field, "{not json"), field);
        }

        (string Field, string Value)[] wrong =
        [
            ("from_ruxailab", "1"), ("from_ruxailab", "\"true\""), ("from_ruxailab", "null"), ("from_ruxailab", "[]"), ("from_ruxailab", "{}"),
            ("file_name", "123"), ("file_name", "null"), ("file_name", "\"\""), ("file_name", "\"a b\""), ("file_name", "\"../etc/passwd\""),
            ("file_name", "\".\""), ("file_name", "\"..\""), ("file_name", "\"probe-nl\\n\""), ("file_name", "\"x\\u0000y\""), ("file_name", "\"bell\\u0007\""),
            ("file_name", "\"tab\\t\""), ("file_name", LongId), ("file_name", "\"\\ud800\""), ("file_name", "\"caf\\u00e9\""), ("file_name", "\"a/b\""),
            ("file_name", "\"a\\\\b\""), ("file_name", "[\"x\"]"), ("file_name", "\"\\r\\nX-Injected: 1\""),
            ("user_id", "5"), ("user_id", "{}"), ("user_id", "\"\\udc00\""), ("study_id", "[]"), ("study_id", "true"),
            ("fixed_circle_iris_points", "{}"), ("fixed_circle_iris_points", "[]"), ("fixed_circle_iris_points", "\"x\""), ("fixed_circle_iris_points", "[1]"),
            ("fixed_circle_iris_points", "[{}]"), ("fixed_circle_iris_points", "[NaN]"), ("fixed_circle_iris_points", "[{\"left_iris_x\": Infinity}]"),
            ("fixed_circle_iris_points", Row("left_iris_x", "1e309")), ("fixed_circle_iris_points", Row("left_iris_y", "\"0.4\"")),
            ("fixed_circle_iris_points", Row("right_iris_x", "null")), ("fixed_circle_iris_points", Row("point_x", "1e7")),
            ("fixed_circle_iris_points", Row("point_y", "-1e309")), ("fixed_circle_iris_points", DeepArray),
            ("fixed_circle_iris_points", "[{\"left_iris_x\":0.4,\"left_iris_y\":0.5,\"right_iris_x\":0.6,\"right_iris_y\":0.5,\"point_x\":1}]"),
            ("fixed_circle_iris_points", "[{\"left_iris_x\":0.4,\"left_iris_x\":0.5,\"left_iris_y\":0.5,\"right_iris_x\":0.6,\"right_iris_y\":0.5,\"point_x\":1,\"point_y\":1}]"),
            ("calib_circle_iris_points", "{}"), ("calib_circle_iris_points", "\"x\""), ("calib_circle_iris_points", "[1]"),
            ("calib_circle_iris_points", "[{\"left_iris_x\":true,\"left_iris_y\":0.5,\"right_iris_x\":0.6,\"right_iris_y\":0.5}]"), ("calib_circle_iris_points", "null"),
            ("screen_height", "0"), ("screen_height", "-1"), ("screen_height", "\"600\""), ("screen_height", "1e309"), ("screen_height", "NaN"),
            ("screen_height", "1e7"), ("screen_height", "null"), ("screen_height", "[]"),
            ("screen_width", "0"), ("screen_width", "\"1000\""), ("screen_width", "-5"), ("screen_width", "true"), ("screen_width", "Infinity"),
            ("model", "5"), ("model", "\"Nope\""), ("model", "\"\""), ("model", "[]"), ("model", "\"linear regression\""),
            ("k", "0"), ("k", "-1"), ("k", "1.5"), ("k", "\"3\""), ("k", "null"), ("k", "1e20"), ("k", "true"), ("k", "[]"), ("k", "9999999999"),
        ];
        foreach (var (field, value) in wrong)
        {
            yield return Form($"{field} = {Shown(value)}", form => form.Raw(field, value), field);
        }

        yield return Raw("urlencoded without the sample fields", () => new FormUrlEncodedContent([new("file_name", "\"urlencoded\"")]), "fixed_circle_iris_points");
        yield return Raw("urlencoded with invalid percent-escapes", () => Typed("file_name=%FF%FE&k=%ZZ", "application/x-www-form-urlencoded"), "file_name");
        yield return Raw("multipart without boundary", () => Typed("--abc\r\n", "multipart/form-data"), "body");
        yield return Raw("multipart that is garbage", () => Typed("garbage", "multipart/form-data; boundary=abc"), "body");
        yield return Raw("multipart cut off half-way", () => Truncated(ValidForm().ToContent()), "body");
        yield return Raw("multipart with an empty body", () => Typed("", "multipart/form-data; boundary=abc"), "body");
        yield return Raw("multipart boundary over 70 characters", () => Typed("--x\r\n", "multipart/form-data; boundary=" + new string('b', 100)), "body");
        yield return Raw("multipart part without Content-Disposition", () => Typed("--abc\r\nContent-Type: text/plain\r\n\r\n1\r\n--abc--\r\n", "multipart/form-data; boundary=abc"), "body");
        yield return Raw("multipart with 1,100 parts", () => ManyParts(1_100), "body");
        yield return Raw("multipart part header over the limit", () => Typed($"--abc\r\nContent-Disposition: form-data; name=\"k\"\r\nX-Pad: {new string('p', 20_000)}\r\n\r\n1\r\n--abc--\r\n", "multipart/form-data; boundary=abc"), "body");
        yield return Raw("invalid UTF-8 in a field", () => With(ValidForm().Without("user_id").ToContent(), "user_id", [(byte)'"', 0xFF, 0xFE, (byte)'"']), "user_id");
        yield return Raw("CESU-8 surrogate bytes in the id", () => With(ValidForm().Without("file_name").ToContent(), "file_name", [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']), "file_name");
        yield return Raw("NUL bytes as the id", () => With(ValidForm().Without("file_name").ToContent(), "file_name", [(byte)'"', 0, 0, (byte)'"']), "file_name");
        yield return Raw("Content-Type text/plain", () => Typed("k=1", "text/plain"), "unsupported-media-type", HttpStatusCode.UnsupportedMediaType);
        yield return Raw("Content-Type application/json", () => Typed("{}", "application/json"), "unsupported-media-type", HttpStatusCode.UnsupportedMediaType);
        yield return Raw("Content-Type application/xml", () => Typed("<k>1</k>", "application/xml"), "unsupported-media-type", HttpStatusCode.UnsupportedMediaType);
        yield return Raw("a body without Content-Type", () => new ByteArrayContent(Encoding.UTF8.GetBytes("k=1")), "unsupported-media-type", HttpStatusCode.UnsupportedMediaType);
        yield return new("calib: no body and no Content-Type", HttpMethod.Post, Calibration, () => null, HttpStatusCode.BadRequest, "file_name");
        foreach (var oversized in Oversized("calib: ", Calibration, "multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"user_id\"\r\n\r\n\""))
        {
            yield return oversized;
        }
    }

    private static IEnumerable<BadInput> BatchCases()
    {
        BadInput Json(string name, string body, string names, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            new("batch: " + name, HttpMethod.Post, Batch, () => BatchBody.Json(body), status, names);
        BadInput Field(string field, string value, string? names = null, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            Json($"{field} = {Shown(value)}", Replace(ValidBatch(), field, value), names ?? field, status);
        BadInput Bytes(string name, byte[] body, string names) =>
            new("batch: " + name, HttpMethod.Post, Batch, () => new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, HttpStatusCode.BadRequest, names);

        foreach (var text in new[] { "{", "", "[1,2]", "\"text\"", "42", "null", "NaN", "{}x", "{\"calib_id\": }", "{'calib_id': 'single quotes'}", DeepArray, "{\"a\":" + DeepArray + "}" })
        {
            yield return Json($"body {Shown(text)}", text, "body");
        }

        yield return Bytes("body of invalid UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'], "body");
        yield return Bytes("body with CESU-8 surrogate bytes", Encoding.UTF8.GetBytes("{\"calib_id\":\"").Concat(new byte[] { 0xED, 0xA0, 0x80 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray(), "body");
        yield return Bytes("body of NUL bytes", [0, 0, 0, 0], "body");
        yield return Json("calib_id given twice", ValidBatch().Replace("\"calib_id\":", "\"calib_id\":\"twice\",\"calib_id\":"), "body");
        yield return Json("body of {}", "{}", "iris_tracking_data");

        foreach (var field in new[] { "iris_tracking_data", "screen_width", "screen_height", "calib_id" })
        {
            yield return Json($"{field} missing", Remove(ValidBatch(), field), field);
        }

        (string Field, string Value)[] wrong =
        [
            ("iris_tracking_data", "[]"), ("iris_tracking_data", "{}"), ("iris_tracking_data", "\"x\""), ("iris_tracking_data", "[1]"), ("iris_tracking_data", "[{}]"),
            ("iris_tracking_data", "null"), ("iris_tracking_data", Sample("left_iris_x", "\"1\"")), ("iris_tracking_data", Sample("left_iris_y", "null")),
            ("iris_tracking_data", Sample("right_iris_x", "1e309")), ("iris_tracking_data", Sample("right_iris_y", "1e7")), ("iris_tracking_data", Sample("left_iris_x", "true")),
            ("iris_tracking_data", Sample("timestamp", "{}")), ("iris_tracking_data", Sample("timestamp", "[1]")), ("iris_tracking_data", Sample("timestamp", "true")),
            ("iris_tracking_data", Sample("timestamp", "\"\\ud800\"")),
            ("screen_width", "0"), ("screen_width", "-1"), ("screen_width", "\"1000\""), ("screen_width", "null"), ("screen_width", "1e309"),
            ("screen_width", "1e7"), ("screen_width", "true"), ("screen_height", "0"), ("screen_height", "\"600\""), ("screen_height", "[]"), ("screen_height", "-0.5"),
            ("calib_id", "null"), ("calib_id", "5"), ("calib_id", "\"\""), ("calib_id", "\"a b\""), ("calib_id", "\"probe-nl\\n\""), ("calib_id", "\"\\u0000\""),
            ("calib_id", LongId), ("calib_id", "\"\\ud800\""), ("calib_id", "\"../x\""), ("calib_id", "[\"x\"]"), ("calib_id", "{}"),
            ("model_name", "5"), ("model_name", "[]"), ("model_name", "{}"),
        ];
        foreach (var (field, value) in wrong)
        {
            yield return Field(field, value);
        }

        yield return Field("calib_id", "\"never-calibrated-corpus-id\"", "calib_id", HttpStatusCode.NotFound);

        var stateless = BatchBody.Stateless(UpstreamFixture.Samples(), BatchBody.FixtureSession, BatchBody.FixtureSession).ToJsonString();
        (string Field, string Value)[] wrongStateless =
        [
            ("fixed_points", "\"x\""), ("fixed_points", "[]"), ("fixed_points", "[{}]"), ("fixed_points", "{}"), ("fixed_points", Row("point_x", "1e309")),
            ("calib_points", "\"x\""), ("calib_points", "[1]"), ("calib_points", "{}"),
        ];
        foreach (var (field, value) in wrongStateless)
        {
            yield return Json($"stateless {field} = {Shown(value)}", Replace(stateless, field, value), field);
        }

        BadInput Typed(string name, Func<HttpContent?> content, string names, HttpStatusCode status) => new("batch: " + name, HttpMethod.Post, Batch, content, status, names);
        yield return Typed("Content-Type text/plain", () => BadInputCorpus.Typed(ValidBatch(), "text/plain"), "unsupported-media-type", HttpStatusCode.UnsupportedMediaType);
        yield return Typed("Content-Type form", () => new FormUrlEncodedContent([new("calib_id", "x")]), "unsupported-media-type", HttpStatusCode.UnsupportedMediaType);
        yield return Typed("Content-Type multipart", () => ValidForm().ToContent(), "unsupported-media-type", HttpStatusCode.UnsupportedMediaType);
        yield return Typed("a body without Content-Type", () => new ByteArrayContent(Encoding.UTF8.GetBytes(ValidBatch())), "unsupported-media-type", HttpStatusCode.UnsupportedMediaType);
        yield return Typed("no body and no Content-Type", () => null, "body", HttpStatusCode.BadRequest);
        foreach (var oversized in Oversized("batch: ", Batch, "application/json", "{\"model_name\":\""))
        {
            yield return oversized;
        }
    }

    private static IEnumerable<BadInput> MethodAndPathCases()
    {
        (string Method, string Path)[] wrongMethods =
        [
            ("GET", Calibration), ("PUT", Calibration), ("DELETE", Calibration), ("PATCH", Calibration), ("HEAD", Calibration), ("FOO", Calibration),
            ("GET", Batch), ("PUT", Batch), ("DELETE", Batch),
            ("POST", Health), ("DELETE", Health), ("PUT", Health),
            ("POST", Status), ("PUT", Status), ("POST", "/problems"), ("DELETE", "/problems/busy"),
        ];
        foreach (var (method, path) in wrongMethods)
        {
            yield return new($"{method} {path}", new HttpMethod(method), path, () => null, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        }

        string[] unknownPaths =
        [
            "/", "/api", "/api/session", "/api/session/calib_validation/extra", "/api/session/%2e%2e/health",
            "/api/session/health;jsessionid=1", "/api/session/" + new string('a', 4_000), "/api/session/%E2%80%AEhtap",
            "/problems/no-such-problem", "/api/ratelimit/status/extra", "/index.php", "/.env", "/api/session/calib%5Fvalidation%5Fx",
        ];
        foreach (var path in unknownPaths)
        {
            yield return new($"GET {Shown(path)}", HttpMethod.Get, path, () => null, HttpStatusCode.NotFound, "not-found");
        }
    }

    /// <summary>
    /// A body over the limit: declared in Content-Length (refused from the head alone, so nothing is
    /// sent after it), and sent chunked without a length (refused while it is read).
    /// </summary>
    /// <param name="opening">How the body starts, so that it is read as far as the limit: a form part or a JSON string.</param>
    private static IEnumerable<BadInput> Oversized(string prefix, string path, string contentType, string opening)
    {
        var body = Encoding.ASCII.GetBytes(opening).Concat(Enumerable.Repeat((byte)'x', MaxBodyBytes + 1)).ToArray();
        var chunk = Encoding.ASCII.GetBytes($"{body.Length:x}\r\n").Concat(body).Concat("\r\n"u8.ToArray()).ToArray();
        yield return new(prefix + "body over the limit with Content-Length", HttpMethod.Post, path, () => Typed("", contentType), HttpStatusCode.RequestEntityTooLarge,
            "payload-too-large", new RawFraming($"Content-Length: {MaxBodyBytes + 1}", []));
        yield return new(prefix + "body over the limit, chunked", HttpMethod.Post, path, () => Typed("", contentType), HttpStatusCode.RequestEntityTooLarge,
            "payload-too-large", new RawFraming("Transfer-Encoding: chunked", chunk));
    }

    private static string Row(string key, string value) =>
        "[" + new Dictionary<string, string> { ["left_iris_x"] = "0.4", ["left_iris_y"] = "0.5", ["right_iris_x"] = "0.6", ["right_iris_y"] = "0.5", ["point_x"] = "100", ["point_y"] = "100", [key] = value }
            .Aggregate("{", (json, pair) => json + (json.Length > 1 ? "," : "") + $"\"{pair.Key}\":{pair.Value}") + "}]";

    private static string Sample(string key, string value) =>
        "[" + new Dictionary<string, string> { ["left_iris_x"] = "0.4", ["left_iris_y"] = "0.5", ["right_iris_x"] = "0.6", ["right_iris_y"] = "0.5", ["timestamp"] = "1", [key] = value }
            .Aggregate("{", (json, pair) => json + (json.Length > 1 ? "," : "") + $"\"{pair.Key}\":{pair.Value}") + "}]";

    private static string Replace(string json, string field, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(field);
        var text = node.ToJsonString();
        return text[..^1] + (node.Count > 0 ? "," : "") + $"\"{field}\":{value}}}";
    }

    private static string Remove(string json, string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(field);
        return node.ToJsonString();
    }

    private static string Shown(string text) => text.Length > 200 ? $"{text[..12]}... ({text.Length} chars)" : text;

    private static ByteArrayContent Typed(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static MultipartFormDataContent With(MultipartFormDataContent content, string field, string value)
    {
        content.Add(new StringContent(value), field);
        return content;
    }

    private static MultipartFormDataContent With(MultipartFormDataContent content, string field, byte[] value)
    {
        content.Add(new ByteArrayContent(value), field);
        return content;
    }

    private static MultipartFormDataContent Renamed(string field, string sentAs)
    {
        var content = ValidForm().Without(field).ToContent();
        content.Add(new StringContent("\"x\""), sentAs);
        return content;
    }

    private static ByteArrayContent Truncated(HttpContent content)
    {
        var bytes = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var cut = new ByteArrayContent(bytes[..(bytes.Length / 2)]);
        cut.Headers.ContentType = content.Headers.ContentType;
        return cut;
    }

    private static MultipartFormDataContent ManyParts(int count)
    {
        var content = new MultipartFormDataContent();
        for (var i = 0; i < count; i++)
        {
            content.Add(new StringContent("1"), $"part{i}");
        }

        return content;
    }
}
