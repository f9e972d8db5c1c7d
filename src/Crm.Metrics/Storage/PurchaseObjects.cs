using Crm.Domain.Activity;

namespace Crm.Metrics.Storage;

/// <summary>Purchases given as objects: a null element refused, the others copied into their record.</summary>
internal readonly struct PurchaseObjects : IRecordReader<Purchase, PurchaseRecord>
{
    public static PurchaseRecord Read(Purchase element, string parameterName) => new(Crm.Internal.Elements.NotNull(element, parameterName));
}
