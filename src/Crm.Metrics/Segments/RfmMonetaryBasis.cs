namespace Crm.Metrics.Segments;

/// <summary>What the M of RFM measures.</summary>
public enum RfmMonetaryBasis
{
    /// <summary>The mean value per purchase day (the default).</summary>
    MeanPerPurchaseDay,

    /// <summary>The total value bought in the look-back window.</summary>
    Total,
}
