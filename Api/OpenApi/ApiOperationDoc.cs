using Gaze.Api.Problems;
using Microsoft.OpenApi;

namespace Gaze.Api.OpenApi;

/// <summary>
/// Endpoint metadata: how one operation really behaves, for the parts the generator cannot see
/// (bodies bound by the endpoint itself, answers written by hand, headers, every problem kind).
/// </summary>
/// <param name="Summary">One line.</param>
/// <param name="Description">What it does and how to use it (Markdown).</param>
/// <param name="Problems">Every problem kind the operation answers with; grouped by status in the document.</param>
/// <param name="Shape">Fills in the request body and the success responses.</param>
/// <param name="Tag">The group the operation is listed under.</param>
public sealed record ApiOperationDoc(string Summary, string Description, IReadOnlyList<ProblemKind> Problems, Action<OpenApiOperation> Shape, string Tag = ApiOperationDoc.SessionTag)
{
    public const string SessionTag = "Calibration and prediction";
    public const string LimitsTag = "Rate limits";
    public const string ProblemsTag = "Problem types";
}

public static class ApiOperationDocExtensions
{
    public static RouteHandlerBuilder Documented(this RouteHandlerBuilder builder, ApiOperationDoc doc) =>
        builder.WithMetadata(doc).WithTags(doc.Tag);
}
