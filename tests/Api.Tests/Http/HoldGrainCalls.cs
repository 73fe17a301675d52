namespace Gaze.Tests.Http;

/// <summary>Holds every call to one grain interface until released, to keep work in flight on purpose.</summary>
public sealed class HoldGrainCalls(Type grainInterface) : IIncomingGrainCallFilter
{
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == grainInterface)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await context.Invoke();
    }
}
