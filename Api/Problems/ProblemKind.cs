using Microsoft.AspNetCore.Mvc;

namespace Gaze.Api.Problems;

/// <summary>
/// One kind of problem body (RFC 9457): its status, <c>type</c> and <c>title</c>, fixed together so
/// that every place answering it says the same. <c>type</c> is a relative reference, resolved
/// against the service's own address, so it never points at a host the operator does not own.
/// </summary>
public sealed record ProblemKind(int Status, string Type, string Title)
{
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
