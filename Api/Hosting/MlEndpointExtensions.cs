using Gaze.Api.Bodies;

namespace Gaze.Api.Hosting;

/// <summary>
/// What every CPU-heavy endpoint runs behind: its body refused first if invalid (it was received
/// and validated while binding), then the node's ML gate, its time budget, and 503 when the grains
/// cannot be reached.
/// </summary>
public static class MlEndpointExtensions
{
    /// <param name="limitOf">The endpoint's time budget, read from its bound options.</param>
    /// <param name="work">What the work is called in a 503, e.g. <c>calibration</c>.</param>
    /// <param name="hint">What the client can do when the budget runs out.</param>
    public static RouteHandlerBuilder AsMlWork(this RouteHandlerBuilder endpoint, Func<IServiceProvider, TimeSpan> limitOf, string work, string hint) =>
        endpoint.AddEndpointFilter<InvalidBodyFilter>()
            .AddEndpointFilter<MlWorkFilter>()
            .AddEndpointFilter(new MlTimeBudgetFilter(limitOf, work, hint))
            .AddEndpointFilter<ClusterUnavailableFilter>();
}
