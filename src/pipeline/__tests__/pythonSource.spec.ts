import { pyLiteral, pyString, specToJson } from '..';
import { PyFloat, pyFloat } from '../pythonSource';
import { ScheduleSpec } from '../../spec';

describe('pyString', () => {
  it('escapes quotes, backslashes and line breaks', () => {
    expect(pyString('a"b\\c\nd\re\tf\'')).toBe('"a\\"b\\\\c\\nd\\re\\tf\'"');
  });

  it('writes everything beyond printable ASCII as escapes', () => {
    expect(pyString('\u0000\u007f\u00e9\u202e\u{1f680}')).toBe(
      '"\\x00\\x7f\\xe9\\u202e\\U0001f680"'
    );
  });
});

describe('pyLiteral', () => {
  it('writes JSON values as Python literals with sorted keys', () => {
    expect(
      pyLiteral({ b: [1, 2.5, null], a: { y: true, x: false }, c: [] })
    ).toBe(
      [
        '{',
        '    "a": {',
        '        "x": False,',
        '        "y": True,',
        '    },',
        '    "b": [',
        '        1,',
        '        2.5,',
        '        None,',
        '    ],',
        '    "c": [],',
        '}'
      ].join('\n')
    );
  });

  it('sorts integer-like keys as text and leaves out undefined fields', () => {
    expect(pyLiteral({ '10': 1, '9': 2, gone: undefined })).toBe(
      '{\n    "10": 1,\n    "9": 2,\n}'
    );
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => pyLiteral(NaN)).toThrow();
    expect(() => pyLiteral({ f: () => 1 })).toThrow();
  });
});

describe('specToJson', () => {
  it('is canonical: sorted keys, two spaces, final newline', () => {
    const spec = {
      version: 1,
      name: 'x',
      parameters: [{ type: 'dict', name: 'p', default: { '10': 1, '9': 2 } }],
      owner: undefined
    } as unknown as ScheduleSpec;
    expect(specToJson(spec)).toBe(
      [
        '{',
        '  "name": "x",',
        '  "parameters": [',
        '    {',
        '      "default": {',
        '        "10": 1,',
        '        "9": 2',
        '      },',
        '      "name": "p",',
        '      "type": "dict"',
        '    }',
        '  ],',
        '  "version": 1',
        '}',
        ''
      ].join('\n')
    );
  });

  it('parses back to the same spec', () => {
    const spec = { name: 'a"\\\n\u00e9', version: 1, inputs: [] };
    expect(JSON.parse(specToJson(spec as unknown as ScheduleSpec))).toEqual(
      spec
    );
  });
});

describe('pyFloat', () => {
  it('keeps a whole float a float in Python', () => {
    expect(pyFloat(5)).toBe('5.0');
    expect(pyFloat(-0.5)).toBe('-0.5');
    expect(pyFloat(1e21)).toBe('1e+21');
    // Printed as -45243824150116860, Python would read an int 4 away from the float.
    expect(pyLiteral(-4.524382415011686e16)).toBe('-4.524382415011686e+16');
    expect(pyLiteral(2 ** 53 - 1)).toBe('9007199254740991');
    expect(pyLiteral({ rate: new PyFloat(5), count: 5 })).toBe(
      '{\n    "count": 5,\n    "rate": 5.0,\n}'
    );
  });
});
