/**
 * Secrets of the fuzz seeds. None protects anything: the passphrase is printed here, and the
 * X25519 identity is the public C2SP test-vector identity (cctv-age, vector "x25519"), so
 * the encrypted seeds in corpus/seeds/ hold only the synthetic unit-test fixture.
 */
export const FUZZ_PASSPHRASE = 'fuzz-passphrase-protects-nothing';
/** From the C2SP age test vectors (public). */
export const VECTOR_IDENTITY = 'AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0';
/** scrypt work factor of the passphrase seeds: cheap, so a case costs milliseconds. */
export const SEED_WORK_FACTOR = 4;
/** A second public test-vector identity (cctv-age), for "a key that does not match". */
export const OTHER_VECTOR_IDENTITY = 'AGE-SECRET-KEY-143WN7DCXU4G8R5AXQSSYD9AEPYDNT3HXSLWSPK36CDU6E8M59SSSAGZ3KG';
