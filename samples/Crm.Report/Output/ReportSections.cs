namespace Crm.Report.Output;

/// <summary>The sections built on the analyses of the one read, running side by side on the thread pool (see <see cref="ReportBuilder.StartSections"/>).</summary>
/// <param name="Models">The customer-base models; null without purchases.</param>
/// <param name="Rfm">RFM with its clusters and value tiers; null without purchases.</param>
/// <param name="Churn">The churn early warning; null without purchases.</param>
internal sealed record ReportSections(Task<ModelsSection?> Models, Task<RfmSection?> Rfm, Task<ChurnSection?> Churn);
