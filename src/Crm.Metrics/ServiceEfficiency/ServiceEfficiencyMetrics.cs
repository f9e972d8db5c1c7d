using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Results;

namespace Crm.Metrics.ServiceEfficiency;

/// <summary>
/// The service-efficiency family over the complaints opened in the
/// period, read as of the period's end: a response or resolution after the end has not happened yet.
/// </summary>
public sealed class ServiceEfficiencyMetrics
{
    // How a JSON document is read back: every figure as written, the SLA rate checked against its counts.
    [JsonConstructor]
    internal ServiceEfficiencyMetrics(
        long complaintsOpened,
        long unanswered,
        long resolvedWithoutReply,
        long unresolved,
        DurationDistribution firstResponseTime,
        DurationDistribution resolutionTime,
        long slaMet,
        long slaBreached,
        long slaPending,
        long withoutTarget,
        Rate slaCompliance,
        Rate complaintRate,
        MetricValue<double> complaintsPerThousandOrders)
    {
        ComplaintsOpened = ReadBack.Count(complaintsOpened, nameof(complaintsOpened));
        Unanswered = ReadBack.Count(unanswered, nameof(unanswered));
        ResolvedWithoutReply = ReadBack.Count(resolvedWithoutReply, nameof(resolvedWithoutReply));
        Unresolved = ReadBack.Count(unresolved, nameof(unresolved));
        FirstResponseTime = firstResponseTime;
        ResolutionTime = resolutionTime;
        SlaMet = ReadBack.Count(slaMet, nameof(slaMet));
        SlaBreached = ReadBack.Count(slaBreached, nameof(slaBreached));
        SlaPending = ReadBack.Count(slaPending, nameof(slaPending));
        WithoutTarget = ReadBack.Count(withoutTarget, nameof(withoutTarget));
        SlaCompliance = slaCompliance.Numerator == slaMet && slaCompliance.Denominator == slaMet + slaBreached
            ? slaCompliance
            : throw new ArgumentException("SLA compliance is the complaints decided within target over those decided.", nameof(slaCompliance));
        ComplaintRate = complaintRate;
        ComplaintsPerThousandOrders = complaintsPerThousandOrders;
    }

    internal ServiceEfficiencyMetrics(long opened, long unanswered, long resolvedWithoutReply, long unresolved, DurationDistribution firstResponse, DurationDistribution resolution, long met, long breached, long pending, long withoutTarget, Rate complaintRate, long? orders)
    {
        ComplaintsPerThousandOrders = orders switch
        {
            null => MetricValue.Undefined<double>(ComplaintAccumulator.NotSupplied),
            0 => MetricValue.Undefined<double>("no orders in the period"),
            { } n => MetricValue.Of(1000.0 * opened / n),
        };
        ComplaintsOpened = opened;
        Unanswered = unanswered;
        ResolvedWithoutReply = resolvedWithoutReply;
        Unresolved = unresolved;
        FirstResponseTime = firstResponse;
        ResolutionTime = resolution;
        SlaMet = met;
        SlaBreached = breached;
        SlaPending = pending;
        WithoutTarget = withoutTarget;
        SlaCompliance = new Rate(met, met + breached, orders is null ? ComplaintAccumulator.NotSupplied : "no complaint with a target was decided in the period");
        ComplaintRate = complaintRate;
    }

    /// <summary>Complaints opened in the period.</summary>
    public long ComplaintsOpened { get; }

    /// <summary>Of those, still open and without a first response at the period's end (not averaged into the response time).</summary>
    public long Unanswered { get; }

    /// <summary>
    /// Of those, resolved by the period's end without ever being answered (an auto-closed ticket): left out of the
    /// first-response time, counted in the resolution time and SLA like any resolved case.
    /// </summary>
    public long ResolvedWithoutReply { get; }

    /// <summary>Of those, still unresolved at the period's end (not averaged into the resolution time).</summary>
    public long Unresolved { get; }

    /// <summary>Opening → first response, over the answered complaints (calendar time); cases resolved without a reply are not in it.</summary>
    public DurationDistribution FirstResponseTime { get; }

    /// <summary>Opening → resolution, over the resolved complaints (calendar time).</summary>
    public DurationDistribution ResolutionTime { get; }

    /// <summary>Complaints with a target resolved within it.</summary>
    public long SlaMet { get; }

    /// <summary>Complaints with a target resolved after it, or still unresolved when it ran out before the period's end.</summary>
    public long SlaBreached { get; }

    /// <summary>Complaints with a target, unresolved, whose target runs out after the period's end: not decided yet.</summary>
    public long SlaPending { get; }

    /// <summary>Complaints without a target.</summary>
    public long WithoutTarget { get; }

    /// <summary>SLA compliance: met / (met + breached), 0..1; pending cases are excluded. Undefined when none was decided.</summary>
    public Rate SlaCompliance { get; }

    /// <summary>
    /// Complaint rate: complaints opened in the period per customer active in it (<see cref="Rate.Denominator"/> is the
    /// number of active customers). A ratio that may exceed 1. Undefined with no active customer.
    /// </summary>
    public Rate ComplaintRate { get; }

    /// <summary>Complaints opened in the period per 1,000 orders (sale records) in it; undefined with no orders.</summary>
    public MetricValue<double> ComplaintsPerThousandOrders { get; }
}
