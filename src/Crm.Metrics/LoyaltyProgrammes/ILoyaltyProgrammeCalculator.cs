using Crm.Domain.LoyaltyProgrammes;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>The loyalty programme figures of a period: members, points, tiers and the programme's effect.</summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public interface ILoyaltyProgrammeCalculator
{
    /// <summary>Computes the figures of a period from a data set's memberships, points entries and purchases.</summary>
    /// <param name="data">The data set; <see cref="CrmDataSet.Memberships"/>, <see cref="CrmDataSet.PointsEntries"/> and <see cref="CrmDataSet.Purchases"/> are read once each.</param>
    /// <param name="period">The period; days are read in its zone.</param>
    /// <param name="programme">The programme.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the reading between records; nothing is returned.</param>
    /// <returns>The figures, computed at the registered clock's now.</returns>
    /// <exception cref="ArgumentNullException">An argument or a record is null.</exception>
    /// <exception cref="ArgumentException">A customer has two memberships.</exception>
    /// <exception cref="CurrencyMismatchException">A purchase is in another currency than the programme's.</exception>
    /// <exception cref="InsufficientPointsException">A member's ledger goes negative at some instant.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    LoyaltyProgrammeMetrics Compute(CrmDataSet data, ReportingPeriod period, LoyaltyProgramme programme, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Computes the figures of a period from asynchronous streams.</summary>
    /// <param name="data">The data set; its memberships, points entries and purchases are read once each.</param>
    /// <param name="period">The period; days are read in its zone.</param>
    /// <param name="programme">The programme.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the reading; nothing is returned.</param>
    /// <returns>The figures, computed at the registered clock's now.</returns>
    /// <exception cref="ArgumentNullException">An argument or a record is null.</exception>
    /// <exception cref="ArgumentException">A customer has two memberships.</exception>
    /// <exception cref="CurrencyMismatchException">A purchase is in another currency than the programme's.</exception>
    /// <exception cref="InsufficientPointsException">A member's ledger goes negative at some instant.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<LoyaltyProgrammeMetrics> ComputeAsync(CrmAsyncDataSet data, ReportingPeriod period, LoyaltyProgramme programme, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>An empty accumulator, for partitioned computation: merge partial ones and take <see cref="LoyaltyProgrammeAccumulator.Result"/>.</summary>
    /// <param name="programme">The programme.</param>
    /// <param name="period">The period.</param>
    /// <returns>The accumulator.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    LoyaltyProgrammeAccumulator CreateAccumulator(LoyaltyProgramme programme, ReportingPeriod period);
}
