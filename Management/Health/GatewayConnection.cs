namespace Gaze.Management.Health;

/// <summary>
/// How many gateways an Orleans client is connected to, as Orleans reports it. A client host only
/// finishes starting once connected, so it starts counted as connected.
/// </summary>
public sealed class GatewayConnection : IClusterConnectionStatusObserver
{
    private volatile int _gateways = -1;

    /// <summary>Connected gateways; -1 until Orleans first reports a change (connected since the start).</summary>
    public int Gateways => _gateways;

    public bool Connected => _gateways != 0;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        _gateways = currentNumberOfGateways;

    public void NotifyClusterConnectionLost() => _gateways = 0;
}
