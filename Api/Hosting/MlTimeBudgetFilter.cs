using System.Globalization;
using Gaze.Api.Problems;

namespace Gaze.Api.Hosting;

/// <summary>
/// Gives an ML endpoint its <see cref="MlTimeBudget"/> and answers 503 (over time budget) when the
/// work was cancelled by it, so the endpoints carry no timing code of their own.
/// </summary>
/// <param name="limitOf">The endpoint's budget, read from its bound options.</param>
/// <param name="work">What the work is called in the answer, e.g. <c>calibration</c>.</param>
/// <param name="hint">What the client can do about it.</param>
public sealed class MlTimeBudgetFilter(Func<IServiceProvider, TimeSpan> limitOf, string work, string hint) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var budget = http.RequestServices.GetRequiredService<MlTimeBudget>();
        budget.SetLimit(limitOf(http.RequestServices), http.RequestAborted);
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (budget.Expired && !http.Response.HasStarted)
        {
            return Problem.OverBudget(string.Create(CultureInfo.InvariantCulture,
                $"The {work} did not finish within {budget.Limit.TotalSeconds:0.###} s; {hint}.")).ToResult();
        }
    }
}
