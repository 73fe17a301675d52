using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gaze.Management.Listeners;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Tests.Http;

/// <summary>
/// The OpenAPI document against the running service: it lists every public route, every status
/// the bad-input corpus gets from each, and the bodies it calls valid are accepted.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFactory api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task The_document_lists_every_public_route_with_its_methods()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<ManagementEndpointMetadata>() is null)
            .Where(endpoint => endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToArray();
        Assert.Contains(routes, endpoint => endpoint.RoutePattern.RawText == "/api/session/calib_validation");
        foreach (var route in routes)
        {
            var path = "/" + route.RoutePattern.RawText!.TrimStart('/');
            Assert.True(paths.ContainsKey(path), $"{path} is mapped but not in the document");
            foreach (var method in route.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                var operation = paths[path]![method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{method} {path} is mapped but not in the document");
                Assert.False(string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
                Assert.NotNull(operation["responses"]!["200"]);
            }
        }
    }

    [Fact]
    public async Task Every_status_the_bad_input_corpus_gets_is_documented_with_its_problem_type()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var checkedCases = 0;
        foreach (var input in BadInputCorpus.All)
        {
            if (paths[input.Path]?[input.Method.Method.ToLowerInvariant()] is not { } operation)
            {
                continue; // unknown paths and methods: the framework's 404 and 405
            }

            var status = ((int)input.Status).ToString();
            var response = operation["responses"]![status];
            Assert.True(response is not null, $"{input.Name}: {input.Method} {input.Path} answers {status}, which the document does not list");
            Assert.NotNull(response!["content"]!["application/problem+json"]);
            checkedCases++;
        }

        Assert.True(checkedCases > 150, $"{checkedCases} cases checked");
    }

    [Fact]
    public async Task Limited_routes_document_their_headers_and_every_problem_status_names_its_types()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var calibrate = paths["/api/session/calib_validation"]!["post"]!["responses"]!;
        Assert.NotNull(calibrate["200"]!["headers"]!["X-Calibration-Id"]);
        Assert.NotNull(calibrate["200"]!["headers"]!["X-Calibration-Model"]);
        Assert.NotNull(calibrate["429"]!["headers"]!["Retry-After"]);
        foreach (var header in new[] { "RateLimit-Policy", "RateLimit", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset" })
        {
            Assert.NotNull(calibrate["200"]!["headers"]![header]);
            Assert.NotNull(paths["/api/session/batch_predict"]!["post"]!["responses"]!["429"]!["headers"]![header]);
        }

        Assert.Contains("/problems/busy", calibrate["503"]!["description"]!.GetValue<string>());
        Assert.Contains("/problems/calibration-not-found", paths["/api/session/batch_predict"]!["post"]!["responses"]!["404"]!["description"]!.GetValue<string>());
        Assert.Null(paths["/api/session/health"]!["get"]!["responses"]!["200"]!["headers"]);
    }

    [Fact]
    public async Task The_calibration_form_declares_every_field_a_json_document()
    {
        var content = (await DocumentAsync())["paths"]!["/api/session/calib_validation"]!["post"]!["requestBody"]!["content"]!;
        foreach (var type in new[] { "multipart/form-data", "application/x-www-form-urlencoded" })
        {
            var encoding = content[type]!["encoding"]!.AsObject();
            Assert.Equal(10, encoding.Count);
            Assert.All(encoding, field => Assert.Equal("application/json", field.Value!["contentType"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task The_bodies_the_document_calls_valid_are_accepted()
    {
        var document = await DocumentAsync();
        var operation = document["paths"]!["/api/session/calib_validation"]!["post"]!;
        var form = operation["requestBody"]!["content"]!["multipart/form-data"]!["example"]!.AsObject();
        var id = form["file_name"]!.GetValue<string>();
        using (var multipart = new MultipartFormDataContent())
        {
            foreach (var (name, value) in form)
            {
                multipart.Add(new StringContent(value!.ToJsonString(), Encoding.UTF8), name);
            }

            using var response = await _client.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", "10.90.0.1", multipart));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(id, response.Headers.GetValues("X-Calibration-Id").Single());
        }

        using (var urlEncoded = new FormUrlEncodedContent(form.Select(field => KeyValuePair.Create(field.Key, field.Value!.ToJsonString()))))
        {
            using var response = await _client.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", "10.90.0.2", urlEncoded));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var examples = document["paths"]!["/api/session/batch_predict"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        Assert.Equal(["stored", "stateless"], examples.Select(example => example.Key));
        foreach (var (name, example) in examples)
        {
            var body = example!["value"]!;
            using var response = await _client.SendAsync(api.Request(HttpMethod.Post, "/api/session/batch_predict", "10.90.0.3",
                new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var predictions = name == "stored" ? answer.AsArray() : answer["predictions"]!.AsArray();
            Assert.Equal(body["iris_tracking_data"]!.AsArray().Count, predictions.Count);
        }
    }

    [Fact]
    public async Task The_reference_page_answers_and_neither_it_nor_the_document_is_rate_limited()
    {
        for (var i = 0; i < 60; i++)
        {
            using var document = await _client.SendAsync(api.Request(HttpMethod.Get, "/openapi/v1.json", "10.90.0.4"));
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            Assert.False(document.Headers.Contains("RateLimit"));
        }

        using var page = await _client.SendAsync(api.Request(HttpMethod.Get, "/docs/", "10.90.0.4"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType!.ToString());
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var response = await _client.SendAsync(api.Request(HttpMethod.Get, "/openapi/v1.json", "10.90.0.9"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
