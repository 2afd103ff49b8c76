// Prints jest's totals from the JUnit report as one closing line: "jest: N passed, N failed".
const fs = require('fs');
const xml = fs.readFileSync(process.argv[2], 'utf8');
const suites = /<testsuites[^>]*\btests="(\d+)"[^>]*\bfailures="(\d+)"[^>]*\berrors="(\d+)"/.exec(xml)
  ?? /<testsuites[^>]*\btests="(\d+)"[^>]*\bfailures="(\d+)"/.exec(xml);
if (!suites) throw new Error(`no <testsuites> totals in ${process.argv[2]}`);
const [, tests, failures, errors = '0'] = suites;
const skipped = (xml.match(/<skipped\s*\/>/g) ?? []).length;
const failed = Number(failures) + Number(errors);
console.log(`jest: ${Number(tests) - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
