/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-key-verifier.h"

#include "toeplitz-hasher.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdKeyVerifier");

NS_OBJECT_ENSURE_REGISTERED(QkdKeyVerifier);

TypeId
QkdKeyVerifier::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdKeyVerifier")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdKeyVerifier>()
              .AddAttribute("TagLengthBits",
                            "Length t of the verification tag in bits, in [1, 1024]; two "
                            "different keys pass with probability 2^-t.",
                            UintegerValue(64),
                            MakeUintegerAccessor(&QkdKeyVerifier::m_tagLength),
                            MakeUintegerChecker<uint32_t>(1, 1024));
    return tid;
}

QkdKeyVerifier::QkdKeyVerifier()
    : m_tagLength(64)
    , m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

QkdKeyVerifier::~QkdKeyVerifier()
{
    NS_LOG_FUNCTION(this);
}

void
QkdKeyVerifier::DoDispose()
{
    m_rng = nullptr;
    Object::DoDispose();
}

uint32_t
QkdKeyVerifier::GetTagLength() const
{
    return m_tagLength;
}

double
QkdKeyVerifier::GetFailureProbability() const
{
    return std::ldexp(1.0, -static_cast<int>(m_tagLength));
}

QkdBitString
QkdKeyVerifier::GenerateSeed(size_t keyLength)
{
    NS_ABORT_MSG_IF(keyLength == 0, "QkdKeyVerifier::GenerateSeed: the key has no bits");
    return QkdBitString::Random(ToeplitzHasher::GetSeedLength(keyLength, m_tagLength), m_rng);
}

QkdBitString
QkdKeyVerifier::ComputeTag(const QkdBitString& key, const QkdBitString& seed) const
{
    NS_ABORT_MSG_IF(key.IsEmpty(), "QkdKeyVerifier::ComputeTag: the key has no bits");
    NS_ABORT_MSG_IF(seed.GetSize() != key.GetSize() + m_tagLength - 1,
                    "QkdKeyVerifier::ComputeTag: the seed has "
                        << seed.GetSize() << " bits; a " << key.GetSize() << "-bit key and "
                        << m_tagLength << "-bit tag (TagLengthBits) need "
                        << key.GetSize() + m_tagLength - 1);
    return ToeplitzHasher::Hash(key, m_tagLength, seed);
}

bool
QkdKeyVerifier::Verify(const QkdBitString& key,
                       const QkdBitString& seed,
                       const QkdBitString& peerTag) const
{
    NS_ABORT_MSG_IF(peerTag.GetSize() != m_tagLength,
                    "QkdKeyVerifier::Verify: the peer's tag has "
                        << peerTag.GetSize() << " bits; TagLengthBits is " << m_tagLength);
    const bool ok = ComputeTag(key, seed) == peerTag;
    NS_LOG_LOGIC("verification of a " << key.GetSize() << "-bit key: " << (ok ? "pass" : "fail"));
    return ok;
}

int64_t
QkdKeyVerifier::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

} // namespace ns3
