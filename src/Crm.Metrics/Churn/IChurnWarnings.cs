using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Churn;

/// <summary>
/// The churn early warning through dependency injection: local dates in the configured zone, "today" from the
/// registered clock — the same code as <see cref="ChurnWarning.Assess(LocalDate, DateTimeZone?, IEnumerable{Purchase}, IEnumerable{Complaint}?, IEnumerable{SurveyResponse}?, IEnumerable{CustomerId}?, IPurchaseModel?, CustomerBaseSummary?, ChurnWarningSettings?, IProgress{long}?, CancellationToken)"/>.
/// </summary>
/// <remarks>Registered by <c>AddCrmMetrics</c> as a singleton; stateless and thread-safe.</remarks>
public interface IChurnWarnings
{
    /// <summary>Today in the configured zone, by the registered clock: the analysis date of <see cref="Assess"/> when none is given.</summary>
    /// <returns>The local date.</returns>
    LocalDate Today();

    /// <summary>Assesses every customer who appears in the data (or in <paramref name="customers"/>); see <see cref="ChurnWarning.Assess(LocalDate, DateTimeZone?, IEnumerable{Purchase}, IEnumerable{Complaint}?, IEnumerable{SurveyResponse}?, IEnumerable{CustomerId}?, IPurchaseModel?, CustomerBaseSummary?, ChurnWarningSettings?, IProgress{long}?, CancellationToken)"/>.</summary>
    /// <param name="purchases">The purchases.</param>
    /// <param name="complaints">The complaints; null when not supplied.</param>
    /// <param name="surveys">The survey answers; null when not supplied.</param>
    /// <param name="customers">Customers to assess besides those in the data; optional.</param>
    /// <param name="model">A fitted purchase model, with <paramref name="summary"/>; optional.</param>
    /// <param name="summary">The summary the model was fitted on, calibrated to the analysis date.</param>
    /// <param name="settings">The thresholds; defaults when <c>null</c>.</param>
    /// <param name="analysisDate">The last day read (inclusive); <see cref="Today"/> when <c>null</c>.</param>
    /// <param name="progress">Receives the number of records read so far (purchases, complaints and answers together): each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>Every customer's risk, highest first.</returns>
    /// <exception cref="ArgumentException">A model without its summary, a summary calibrated to another date, or settings that break a rule.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ChurnWarningResult Assess(
        IEnumerable<Purchase> purchases,
        IEnumerable<Complaint>? complaints = null,
        IEnumerable<SurveyResponse>? surveys = null,
        IEnumerable<CustomerId>? customers = null,
        IPurchaseModel? model = null,
        CustomerBaseSummary? summary = null,
        ChurnWarningSettings? settings = null,
        LocalDate? analysisDate = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default);
}
