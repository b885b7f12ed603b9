/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-decoy-tally.h"

#include "ns3/abort.h"

#include <algorithm>

namespace ns3
{

QkdDecoyTally::QkdDecoyTally(uint32_t numLabels)
    : m_pulses(numLabels, 0)
    , m_detections(numLabels, 0)
    , m_sifted(numLabels, 0)
    , m_errors(numLabels, 0)
{
    NS_ABORT_MSG_IF(numLabels == 0, "QkdDecoyTally: numLabels = 0 is invalid (at least 1)");
}

void
QkdDecoyTally::Add(const QkdFrameView& sender, const QkdFrameView& receiver)
{
    NS_ABORT_MSG_IF(sender.pulsesPerLabel.size() > m_pulses.size(),
                    "QkdDecoyTally::Add: the sender's frame has " << sender.pulsesPerLabel.size()
                                                                  << " intensity labels, the tally "
                                                                  << m_pulses.size());
    NS_ABORT_MSG_IF(sender.records.size() != receiver.records.size(),
                    "QkdDecoyTally::Add: the sender's view has "
                        << sender.records.size() << " records and the receiver's "
                        << receiver.records.size() << "; both list the same detections");
    for (size_t l = 0; l < sender.pulsesPerLabel.size(); ++l)
    {
        m_pulses[l] += sender.pulsesPerLabel[l];
    }
    for (size_t i = 0; i < sender.records.size(); ++i)
    {
        const QkdDetectionRecord& s = sender.records[i];
        const QkdDetectionRecord& r = receiver.records[i];
        NS_ABORT_MSG_IF(s.pulse != r.pulse,
                        "QkdDecoyTally::Add: record " << i << " is pulse " << s.pulse
                                                      << " for the sender and " << r.pulse
                                                      << " for the receiver");
        CheckLabel("Add", s.label);
        ++m_detections[s.label];
        if (s.setting == r.setting)
        {
            ++m_sifted[s.label];
            m_errors[s.label] += s.bit != r.bit ? 1 : 0;
        }
    }
}

void
QkdDecoyTally::AddFrames(Ptr<QkdQuantumLink> link, uint64_t pulses, uint64_t framePulses)
{
    NS_ABORT_MSG_IF(!link, "QkdDecoyTally::AddFrames: null link");
    NS_ABORT_MSG_IF(framePulses == 0, "QkdDecoyTally::AddFrames: framePulses = 0 is invalid (> 0)");
    while (pulses > 0)
    {
        const uint64_t n = std::min(pulses, framePulses);
        QkdFrameView sender;
        QkdFrameView receiver;
        link->GenerateFrame(n, sender, receiver);
        Add(sender, receiver);
        pulses -= n;
    }
}

uint32_t
QkdDecoyTally::GetNumLabels() const
{
    return static_cast<uint32_t>(m_pulses.size());
}

void
QkdDecoyTally::CheckLabel(const char* what, uint32_t label) const
{
    NS_ABORT_MSG_IF(label >= m_pulses.size(),
                    "QkdDecoyTally::" << what << ": intensity label " << label
                                      << " is out of range [0, " << m_pulses.size() << ")");
}

uint64_t
QkdDecoyTally::GetPulses(uint32_t label) const
{
    CheckLabel("GetPulses", label);
    return m_pulses[label];
}

uint64_t
QkdDecoyTally::GetDetections(uint32_t label) const
{
    CheckLabel("GetDetections", label);
    return m_detections[label];
}

uint64_t
QkdDecoyTally::GetSifted(uint32_t label) const
{
    CheckLabel("GetSifted", label);
    return m_sifted[label];
}

uint64_t
QkdDecoyTally::GetErrors(uint32_t label) const
{
    CheckLabel("GetErrors", label);
    return m_errors[label];
}

double
QkdDecoyTally::GetGain(uint32_t label) const
{
    CheckLabel("GetGain", label);
    return m_pulses[label] ? double(m_detections[label]) / m_pulses[label] : 0.0;
}

double
QkdDecoyTally::GetQber(uint32_t label) const
{
    CheckLabel("GetQber", label);
    return m_sifted[label] ? double(m_errors[label]) / m_sifted[label] : 0.5;
}

} // namespace ns3
