namespace Crm.Metrics.Storage;

/// <summary>Whether two states can be merged without a sum leaving its range, and if not, which kind of sum.</summary>
internal enum MergeFit
{
    Fits,
    AmountOverflows,
    CountOverflows,
}
