using Crm.Internal;
using Crm.Metrics.Churn;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>The mask behind the records' enumeration checks answers as <see cref="Enum.IsDefined{TEnum}(TEnum)"/> does, for every underlying type.</summary>
public class EnumValuesProperties
{
    public enum Small : byte
    {
        Zero = 0,
        Three = 3,
        Last = 63,
    }

    public enum Wide : long
    {
        Zero = 0,
        Far = 64,
    }

    public enum Negative : short
    {
        Minus = -1,
        One = 1,
    }

    [Flags]
    public enum Bits : uint
    {
        None = 0,
        A = 1,
        B = 2,
        C = 8,
    }

    public enum Empty
    {
    }

    [Property(MaxTest = 2000)]
    public void The_mask_answers_as_the_framework_does(long raw, byte near)
    {
        // Values near the mask's edge as often as anywhere.
        foreach (var value in new[] { raw, near % 70, -(near % 3) })
        {
            Assert.Equal(Enum.IsDefined((Small)(byte)value), EnumValues<Small>.IsDefined((Small)(byte)value));
            Assert.Equal(Enum.IsDefined((Wide)value), EnumValues<Wide>.IsDefined((Wide)value));
            Assert.Equal(Enum.IsDefined((Negative)(short)value), EnumValues<Negative>.IsDefined((Negative)(short)value));
            Assert.Equal(Enum.IsDefined((Bits)(uint)value), EnumValues<Bits>.IsDefined((Bits)(uint)value));
            Assert.Equal(Enum.IsDefined((Empty)(int)value), EnumValues<Empty>.IsDefined((Empty)(int)value));
            Assert.Equal(Enum.IsDefined((ChurnRiskLevel)(int)value), EnumValues<ChurnRiskLevel>.IsDefined((ChurnRiskLevel)(int)value));
        }
    }
}
