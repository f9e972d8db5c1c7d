// Compiled into each package (each gets its own internal copy).
#pragma warning disable IDE0130 // the namespace is each package's own
using System.Runtime.CompilerServices;

namespace Crm.Internal;

/// <summary>
/// Whether a value is a defined member of its enumeration, as <see cref="Enum.IsDefined{TEnum}(TEnum)"/> answers, for
/// the records that check their members as they are made (a purchase, a churn risk: hundreds of thousands in a run).
/// The framework looks the enumeration's values up on each call; where every defined value lies in 0 … 63, this reads
/// one bit of a mask made once.
/// </summary>
/// <typeparam name="T">The enumeration.</typeparam>
internal static class EnumValues<T>
    where T : struct, Enum
{
    // Bit v set when v is a defined value; 0 when some defined value lies outside 0 … 63 (the framework then answers).
    private static readonly ulong Mask = MaskOf();

    /// <summary>Whether <paramref name="value"/> is a defined member of <typeparamref name="T"/>.</summary>
    public static bool IsDefined(T value)
    {
        if (Mask == 0)
        {
            return Enum.IsDefined(value);
        }

        // A negative value of a signed enumeration reads as a large unsigned one: outside the mask, as it should be.
        var raw = Raw(value);
        return raw < 64 && ((Mask >> (int)raw) & 1) != 0;
    }

    /// <summary>The value's bits, zero-extended from its underlying type's size.</summary>
    private static ulong Raw(T value) => Unsafe.SizeOf<T>() switch
    {
        1 => Unsafe.As<T, byte>(ref value),
        2 => Unsafe.As<T, ushort>(ref value),
        4 => Unsafe.As<T, uint>(ref value),
        _ => Unsafe.As<T, ulong>(ref value),
    };

    private static ulong MaskOf()
    {
        var mask = 0UL;
        foreach (var value in Enum.GetValues<T>())
        {
            var raw = Raw(value);
            if (raw >= 64)
            {
                return 0;
            }

            mask |= 1UL << (int)raw;
        }

        return mask;
    }
}
