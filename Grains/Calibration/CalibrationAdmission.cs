using System.Globalization;
using Gaze.Calibration;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Scheduling;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Gaze.Grains.Calibration;

/// <summary>
/// Decides, before any work, whether a calibration can finish within its time budget: the cost
/// of its fits (<see cref="Calibrator.CostOf"/>) over its share of the cluster's ML threads, the
/// threads of every active silo shared evenly with the calibrations this silo already runs.
/// </summary>
/// <remarks>
/// Calibrations started through other silos also use this silo's threads; they are not counted,
/// so the share is the most a calibration can expect, and a refusal means it could not finish
/// even then. A calibration estimated to fit is started; the budget still stops it if the
/// estimate was wrong or more calibrations arrive meanwhile.
/// </remarks>
public sealed class CalibrationAdmission(IOptions<MlThreadsOptions> threads, IClusterMembershipService membership, RunningCalibrations running)
{
    /// <summary>Why <paramref name="record"/> is not started within <paramref name="budget"/>, or null when it is.</summary>
    public WorkRejection? Refusal(Calibrator calibrator, CalibrationRecord record, TimeSpan budget)
    {
        var cost = calibrator.CostOf(record.Model, record.Fixed.Length);
        var activeSilos = ActiveSilos.Count(membership);
        double clusterThreads = threads.Value.Threads * Math.Max(activeSilos, 1);
        var others = running.Count;
        var estimate = cost.Duration(clusterThreads / (others + 1));
        if (estimate <= budget)
        {
            return null;
        }

        var what = string.Create(CultureInfo.InvariantCulture,
            $"A calibration with {record.Model} on {record.Fixed.Length} samples would take about {estimate.TotalSeconds:0} s on this service");
        var budgetText = string.Create(CultureInfo.InvariantCulture, $"its time budget of {budget.TotalSeconds:0.###} s");
        if (others == 0 || cost.Duration(clusterThreads) > budget)
        {
            return WorkRejection.OverBudget($"{what}, more than {budgetText}, so it was not started and nothing was stored. Send fewer samples or choose a simpler model.", estimate, retryAfterSeconds: null);
        }

        // Every running calibration ends within its budget, so by then the threads are free again.
        var retryAfter = (int)Math.Ceiling(budget.TotalSeconds);
        return WorkRejection.OverBudget(
            string.Create(CultureInfo.InvariantCulture, $"{what} while {others} other calibration(s) run, more than {budgetText}, so it was not started and nothing was stored. Retry in {retryAfter} s, or send fewer samples."),
            estimate,
            retryAfter);
    }
}
