using Microsoft.AspNetCore.Mvc;

namespace Gaze.Api.Bodies;

/// <summary>
/// A request body bound, read and validated before the endpoint's filters run (minimal APIs bind
/// parameters first), so that a slow or invalid upload never takes an ML slot or its time budget.
/// </summary>
public interface IValidatedBody
{
    /// <summary>Why the body was refused, or null when it is valid.</summary>
    ProblemDetails? Problem { get; }
}
