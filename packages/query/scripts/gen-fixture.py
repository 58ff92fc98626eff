#!/usr/bin/env python3
"""Writes test/fixtures/python-cases.json: what CPython's urllib.parse answers for each input.

The tests of @tsgi/query replay these cases, so the package gives Python's answers. Run it with
the Python the fixture names (3.11) from packages/query: python3 scripts/gen-fixture.py
"""
import json
import random
import sys
import urllib.parse as up

CORE = [
    '', 'a', 'a=', '=', '=b', 'a=b', 'a=b=c', '&', '&&', 'a&b', 'a=1&a=2&b=3', 'a=1&', '&a=1', 'a=1&&b=2',
    'a+b=c+d', '+=+', 'a%20b=c%20d', 'a%2Bb=c%2bd', '%3D=%26', 'a=%3D%26%3B', 'a;b=c', 'a=1;b=2',
    'a=%', 'a=%2', 'a=%zz', 'a=%2g', 'a=%%41', 'a=%%%', 'a=%4', '%=%', 'a=100%', 'a=%2%41', 'a=%u00e9',
    'a=%C3%A9', 'a=%c3%a9', 'a=%E2%82%AC', 'a=%F0%9F%98%80', 'a=%F0%9F%98', 'a=%F0%9F', 'a=%F0',
    'a=%E2%82', 'a=%E2', 'a=%C3', 'a=%C3a', 'a=%C3%', 'a=%C3+', 'a=%80', 'a=%BF%80', 'a=%C0%80', 'a=%C1%BF',
    'a=%E0%80%80', 'a=%E0%9F%BF', 'a=%E0%A0%80', 'a=%ED%9F%BF', 'a=%ED%A0%80', 'a=%ED%BF%BF', 'a=%EF%BF%BF',
    'a=%F0%8F%BF%BF', 'a=%F0%90%80%80', 'a=%F4%8F%BF%BF', 'a=%F4%90%80%80', 'a=%F5%80%80%80', 'a=%FE%FF',
    'a=%FF', 'a=%EF%BB%BFx', '%EF%BB%BF=1', 'a=%E2%82%AC%E2', 'a=%E2%E2%82%AC', 'a=%F0%9F%98%80%80',
    'a=%E2%82é', 'a=%C3é%A9', 'é=ü', 'a=😀', '😀=%F0%9F%98%80', 'a=\ud800', 'a=%ED%A0%BD%ED%B8%80',
    'a=%00', '%00=%00', 'a=%0A%0D', 'a=%7F', 'a=x%20%20y++z', '__proto__=1', 'constructor=1&toString=2',
    '__proto__[x]=1', 'hasOwnProperty=x', 'a[]=1&a[]=2', 'a.b=c', 'a=b&A=B', ' a = b ', 'a=\t', 'a\n=b\r',
    'a=1&a&a=&a=3', 'x', 'x&y', 'a=%2526', 'a=%25', '%41%42=%43', '%61=%62&%61=%63', 'a===', '&=&=&',
]
SEPARATORS = [';', '&&', '=', ',', 'ab']
SEP_INPUTS = ['a=1;b=2', 'a=1;;b=2;', 'a=1&b=2;c=3', 'a=1&&b=2&&&c=3', 'a&&b', ';', ';;', 'a=1,b=2,,c', 'xaby=1abz',
              'a=1=2', '', 'aba']
STRICT = ['a', 'a=1&b', 'a=1&', '&a=1', 'a=1&&b=2', '&', 'a=', 'a=1', '', "it's", 'say "hi"', 'both\'"', 'back\\slash',
          'tab\there', 'nl\nx', 'é', '\x7f', '\xa0', 'a%20b', 'a+b']
LIMIT = [('', 0), ('a=1', 0), ('a=1', 1), ('a=1&b=2', 1), ('a=1&b=2', 2), ('&&', 2), ('&&', 3), ('a&b&c', 2),
         ('a=1&&', 2), ('a=1&&', 3), ('a;b', 1)]


def run(fn):
    try:
        return {'result': fn()}
    except ValueError as error:
        return {'error': type(error).__name__, 'message': str(error)}


def parse_case(qs, **options):
    js = {{'keep_blank_values': 'keepBlankValues', 'strict_parsing': 'strictParsing',
           'max_num_fields': 'maxNumFields', 'separator': 'separator'}[k]: v for k, v in options.items()}
    qsl = run(lambda: [list(pair) for pair in up.parse_qsl(qs, **options)])
    qsd = run(lambda: [[k, v] for k, v in up.parse_qs(qs, **options).items()])
    return {'qs': qs, 'options': js, 'parseQsl': qsl, 'parseQs': qsd}


def fuzz_escapes(rng, count):
    """Random runs of escapes biased to the bytes where UTF-8 decoders disagree."""
    interesting = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec,
                   0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xfe, 0xff]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 8)):
            roll = rng.random()
            if roll < 0.75:
                b = rng.choice(interesting) if rng.random() < 0.7 else rng.randrange(256)
                hexed = '%02X' % b if rng.random() < 0.7 else '%02x' % b
                parts.append('%' + hexed)
            else:
                parts.append(rng.choice(['a', '+', '%', '%z', 'é', '😀', '%4']))
        out.append(''.join(parts))
    return out


def main():
    rng = random.Random(3333)
    parse = []
    for qs in CORE:
        parse.append(parse_case(qs))
        parse.append(parse_case(qs, keep_blank_values=True))
    for sep in SEPARATORS:
        for qs in SEP_INPUTS:
            parse.append(parse_case(qs, separator=sep, keep_blank_values=True))
    for qs in STRICT:
        parse.append(parse_case(qs, strict_parsing=True))
        parse.append(parse_case(qs, strict_parsing=True, keep_blank_values=True))
    for qs, limit in LIMIT:
        parse.append(parse_case(qs, max_num_fields=limit))
        parse.append(parse_case(qs, max_num_fields=limit, keep_blank_values=True, separator=';'))
    # Errors in strict mode come in field order, and the limit comes before them.
    parse.append(parse_case('a&b', strict_parsing=True, max_num_fields=1))
    unquote = [{'input': s, 'result': up.unquote_plus(s)} for s in CORE + fuzz_escapes(rng, 400)]
    quote_inputs = ['', 'abc', 'a b', 'a+b', 'a&b=c', '~._-', '!*\'();:@&=+$,/?#[]', 'é', '€', '😀', '\x00\x7f',
                    'a%20b', ' ', 'Ünïcödé 😀 text']
    quote = [{'input': s, 'safe': safe, 'result': up.quote_plus(s, safe=safe)}
             for s in quote_inputs for safe in ['', '/', ' +&', 'é~%']]
    encode_inputs = [
        ([['a', '1'], ['b', 'x y']], False),
        ([['a', ['1', '2']], ['b', []], ['c', 'x']], True),
        ([['q', 'tsgi & wsgi'], ['€', '😀']], True),
        ([['k', ''], ['', 'v']], False),
        ([['a=b', 'c&d'], ['+', '%']], False),
    ]
    encode = [{'data': data, 'doseq': doseq, 'result': up.urlencode([tuple(pair) for pair in data], doseq=doseq)} for data, doseq in encode_inputs]
    fixture = {
        'python': sys.version.split()[0],
        'generatedBy': 'packages/query/scripts/gen-fixture.py',
        'parse': parse,
        'unquotePlus': unquote,
        'quotePlus': quote,
        'urlencode': encode,
    }
    with open('test/fixtures/python-cases.json', 'w', encoding='utf-8') as f:
        json.dump(fixture, f, ensure_ascii=True, indent=1)
        f.write('\n')
    print(f'{len(parse)} parse cases, {len(unquote)} unquote_plus cases, {len(quote)} quote_plus, {len(encode)} urlencode')


if __name__ == '__main__':
    main()
