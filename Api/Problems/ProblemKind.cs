using Microsoft.AspNetCore.Mvc;

namespace Gaze.Api.Problems;

/// <summary>
/// One kind of problem body (RFC 9457): its status, <c>type</c> and <c>title</c>, fixed together so
/// that every place answering it says the same, and the description its <c>type</c> page serves.
/// <c>type</c> is a relative reference (<c>/problems/{name}</c>), resolved against the service's own
/// address, so it never points at a host the operator does not own and is always documented.
/// </summary>
/// <param name="Status">The HTTP status; 0 for <see cref="ProblemKinds.HttpError"/>, which keeps the framework's.</param>
/// <param name="Name">The last segment of <see cref="Type"/>.</param>
public sealed record ProblemKind(int Status, string Name, string Title, string Description)
{
    public const string TypePrefix = "/problems/";

    public string Type => TypePrefix + Name;

    /// <summary>A body of this kind with the request's own <paramref name="detail"/> and members.</summary>
    public ProblemDetails Create(string detail, params (string Name, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Type = Type, Title = Title, Status = Status, Detail = detail };
        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }
}
