using Microsoft.ML;
using Microsoft.ML.Data;

namespace Gaze.Clustering;

/// <summary>Turns our double rows into an ML.NET data view (single precision, one vector column).</summary>
internal static class MlNetRows
{
    public static IDataView ToDataView(MLContext ml, double[][] rows)
    {
        var width = rows.Length == 0 ? 0 : rows[0].Length;
        var examples = new Example[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var features = new float[width];
            for (var c = 0; c < width; c++)
            {
                features[c] = (float)rows[r][c];
            }

            examples[r] = new Example { Features = features };
        }

        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(examples, schema);
    }

    private sealed class Example
    {
        public float[] Features { get; set; } = [];
    }
}
