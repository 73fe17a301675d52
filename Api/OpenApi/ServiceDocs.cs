using Gaze.Api.Problems;
using Microsoft.OpenApi;
using static Gaze.Api.OpenApi.JsonSchemas;

namespace Gaze.Api.OpenApi;

/// <summary>The documentation of the small routes: health, the caller's limits, the problem pages.</summary>
public static class ServiceDocs
{
    public static readonly ApiOperationDoc Health = new(
        "Liveness",
        "Answers `{\"status\":\"ok\"}` while the process serves HTTP; never rate limited, calls no grain. The web front proceeds only on `status == \"ok\"`. " +
        "Readiness (silo, storage, cluster) is `/health/ready` on the management listener.",
        [],
        operation => ApiDocumentDescription.Json(operation, StatusCodes.Status200OK, "Alive.",
            Object("Liveness.", ("status", OneOfStrings("Always `ok`.", ["ok"]), true))));

    public static readonly ApiOperationDoc RateLimitStatus = new(
        "The caller's rate limits",
        "The limits that apply to the calling client (its address, or its IPv6 /64), how many permits are left and when each resets. Never rate limited itself.",
        [ProblemKinds.ClusterUnavailable],
        operation => ApiDocumentDescription.Json(operation, StatusCodes.Status200OK, "The caller's limits.", Object(
            "The caller's limits, per policy.",
            ("client", String("The key the caller is counted under."), true),
            ("strategy", OneOfStrings("How windows are counted.", ["moving-window", "fixed-window"]), true),
            ("enabled", Boolean("Whether rate limiting is on."), true),
            ("policies", Array(Object(
                "One policy.",
                ("name", String("Policy name, e.g. `calib`."), true),
                ("endpoints", Array(String("A route."), "Routes limited by it."), true),
                ("allowed", Boolean("Whether a request now would be admitted."), true),
                ("retry_after", Integer("Seconds until a request would be admitted; 0 when allowed.", 0), true),
                ("limits", Array(Object(
                    "One limit of the policy.",
                    ("name", String("Limit name, as in the RateLimit headers."), true),
                    ("limit", String("The limit, e.g. `10 per 1 minute`."), true),
                    ("remaining", Integer("Permits left.", 0), true),
                    ("reset", Integer("When it resets, Unix seconds."), true),
                    ("reset_after", Number("Seconds until it resets."), true)), "Its limits."), true)), "Every policy."), true))),
        ApiOperationDoc.LimitsTag);

    public static readonly ApiOperationDoc ProblemList = new(
        "Problem types",
        "An HTML page describing every problem `type` the service answers with.",
        [],
        operation => ApiDocumentDescription.Html(operation, "The list of problem types."),
        ApiOperationDoc.ProblemsTag);

    public static readonly ApiOperationDoc ProblemPage = new(
        "One problem type",
        "The HTML description of the problem type `/problems/{name}`: what it means and what the client can do.",
        [ProblemKinds.NotFound],
        operation => ApiDocumentDescription.Html(operation, "The problem type's description."),
        ApiOperationDoc.ProblemsTag);
}
