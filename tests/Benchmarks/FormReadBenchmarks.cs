using System.Text;
using BenchmarkDotNet.Attributes;
using Gaze.Api.Bodies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gaze.Benchmarks;

/// <summary>
/// Reading the limiter benchmarks' calibration form (every field valid, no samples; 171 bytes) into
/// its fields: with a Content-Length, so it is read whole and parsed as text, and without one
/// (chunked), so it is parsed as it streams in, the only way it was read before.
/// </summary>
[MemoryDiagnoser]
public class FormReadBenchmarks
{
    private const string Form =
        "file_name=%22x%22&from_ruxailab=false&k=2&screen_width=1000&screen_height=600&model=%22Linear+Regression%22"
        + "&fixed_circle_iris_points=%5B%5D&calib_circle_iris_points=%5B%5D";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Form);
    private static readonly FormOptions Limits = new();
    private readonly MemoryStream _stream = new(Body, writable: false);
    private HttpRequest _request = null!;

    [Params(true, false)]
    public bool KnownLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _request = new DefaultHttpContext().Request;
        _request.ContentType = "application/x-www-form-urlencoded";
        _request.ContentLength = KnownLength ? Body.Length : null;
        _request.Body = _stream;
    }

    [Benchmark]
    public Task<FormFields> Read()
    {
        _stream.Position = 0;
        return FormFieldsReader.ReadAsync(_request, Limits, CancellationToken.None);
    }
}
