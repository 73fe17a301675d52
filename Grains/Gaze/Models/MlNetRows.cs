using Microsoft.ML;
using Microsoft.ML.Data;

namespace Gaze.Grains.Gaze.Models;

/// <summary>Moves rows between our double arrays and ML.NET's single-precision data views.</summary>
internal static class MlNetRows
{
    public static IDataView ToDataView(MLContext ml, double[][] rows, double[]? targets = null)
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

            examples[r] = new Example { Features = features, Label = targets is null ? 0 : (float)targets[r] };
        }

        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(examples, schema);
    }

    public static double[] Scores(MLContext ml, ITransformer model, double[][] rows)
    {
        var scored = model.Transform(ToDataView(ml, rows));
        return [.. scored.GetColumn<float>("Score").Select(score => (double)score)];
    }

    private sealed class Example
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
