import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { countAlsoByRoute, metrics } from '../../../lambda/shared/powertools';

/** The EMF lines the metrics instance writes while `run` runs. */
function emfLines(run: () => void): Record<string, any>[] {
  const lines: string[] = [];
  const spies = [jest.spyOn(process.stdout, 'write'), jest.spyOn(console, 'log')];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  spies[0]!.mockImplementation(capture as typeof process.stdout.write);
  spies[1]!.mockImplementation(capture);
  try {
    run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.flatMap((line) => line.split('\n')).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line));
}

describe('countAlsoByRoute', () => {
  it('counts an invocation\u2019s metrics for the route and for the whole service', () => {
    const [emf] = emfLines(() => {
      countAlsoByRoute('ContentHome');
      metrics.addMetric('ContentServed', MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    });
    expect(emf?._aws.CloudWatchMetrics[0].Dimensions).toEqual([expect.arrayContaining(['service', 'route']), expect.not.arrayContaining(['route'])]);
    expect(emf?._aws.CloudWatchMetrics[0].Dimensions[1]).toContain('service');
    expect(emf).toMatchObject({ route: 'ContentHome', ContentServed: 1 });
  });

  it('lasts one invocation: the next one counts without the route unless it says so again', () => {
    const [emf] = emfLines(() => {
      countAlsoByRoute('ContentHome');
      metrics.addMetric('ContentServed', MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
      metrics.addMetric('ContentServed', MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    }).slice(1);
    expect(emf?._aws.CloudWatchMetrics[0].Dimensions).toEqual([expect.not.arrayContaining(['route'])]);
    expect(emf).not.toHaveProperty('route');
  });
});
