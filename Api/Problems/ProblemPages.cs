using System.Net;
using System.Text;
using Gaze.Api.OpenApi;

namespace Gaze.Api.Problems;

/// <summary>
/// Serves the documentation of every problem <c>type</c> at the type's own address
/// (<c>GET /problems/{name}</c>, and <c>GET /problems</c> for the list), so a client or a person
/// reading an error body can follow its <c>type</c> to what it means. Plain server-side HTML.
/// </summary>
public static class ProblemPages
{
    public static IEndpointRouteBuilder MapProblemPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/problems", () => Html("Problem types", ProblemKinds.All)).Documented(ServiceDocs.ProblemList);
        app.MapGet(ProblemKind.TypePrefix + "{name}", (string name) =>
                ProblemKinds.All.FirstOrDefault(kind => kind.Name == name) is { } kind
                    ? Html(kind.Title, [kind])
                    : Problem.NotFoundAt($"No problem type named '{name}'; GET /problems lists them.").ToResult())
            .Documented(ServiceDocs.ProblemPage);
        return app;
    }

    private static IResult Html(string title, IEnumerable<ProblemKind> kinds)
    {
        var page = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title></head><body><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1><dl>");
        foreach (var kind in kinds)
        {
            var status = kind.Status == 0 ? "the framework's status" : kind.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            page.Append("<dt id=\"").Append(kind.Name).Append("\"><a href=\"").Append(kind.Type).Append("\"><code>").Append(kind.Type).Append("</code></a> (")
                .Append(status).Append(", ").Append(WebUtility.HtmlEncode(kind.Title)).Append(")</dt><dd>")
                .Append(WebUtility.HtmlEncode(kind.Description)).Append("</dd>");
        }

        return TypedResults.Content(page.Append("</dl></body></html>").ToString(), "text/html; charset=utf-8");
    }
}
