/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_HARDWARE_PRESET_H
#define QUANTUM_HARDWARE_PRESET_H

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

class QuantumMemory;
class QuantumProcessor;
class QuantumTransducer;

/**
 * @ingroup quantum
 * @brief A hardware preset: published memory, processor and transducer
 * parameters of one platform, read from an XML file of data/.
 *
 * File format (every number carries the id of the reference it comes from):
 * @code
 * <quantum-hardware-preset name="nv-centre" description="...">
 *   <reference id="humphreys2018" citation="P. C. Humphreys et al., Nature 558, 268 (2018)"/>
 *   <memory>
 *     <parameter name="T2" value="1.46" unit="s" source="abobeih2018" note="..."/>
 *     <parameter name="ReadoutFidelity0" value="0.950" source="humphreys2018"/>
 *   </memory>
 *   <processor>
 *     <parameter name="TwoQubitGateFidelity" value="0.99" source="..."/>
 *     <instruction name="CNOT" duration="500" unit="us" depolarizing="0.02" source="..."/>
 *   </processor>
 *   <transducer>
 *     <parameter name="Efficiency" value="0.087" source="..."/>
 *   </transducer>
 * </quantum-hardware-preset>
 * @endcode
 *
 * Parameter names are the attribute names of QuantumMemory, QuantumProcessor
 * and QuantumTransducer, plus forms that let a file quote a paper's number
 * verbatim, converted on loading:
 *  - ReadoutFidelity0/1 (memory): ReadoutErrorX = 1 - F;
 *  - SingleQubitGateFidelity: average gate fidelity of a depolarizing
 *    channel, F = 1 - p/2, so p = 2 (1 - F);
 *  - TwoQubitGateFidelity: F = 1 - 3p/4, so p = 4 (1 - F) / 3;
 *  - MeasurementFidelity: MeasurementError = 1 - F;
 *  - AddedNoiseQuanta (transducer): input-referred added noise N photons,
 *    AddedNoise = N / (1 + N).
 * Time parameters need a unit (s, ms, us, ns, ps).
 *
 * Every error (malformed XML, unknown element or attribute, unknown or
 * repeated parameter, missing or non-numeric value, value out of range,
 * unknown reference, T2 > 2 T1) aborts with the file, the line and what is
 * wrong.
 */
class QuantumHardwarePreset
{
  public:
    /** The parts of a node a preset configures. */
    enum Section
    {
        MEMORY,     //!< QuantumMemory attributes
        PROCESSOR,  //!< QuantumProcessor attributes
        TRANSDUCER, //!< QuantumTransducer attributes
    };

    /** One parameter as loaded (converted to the attribute's form, SI units). */
    struct Parameter
    {
        double value = 0;   //!< value (seconds for times)
        std::string text;   //!< value as written (for enums)
        std::string source; //!< the reference's citation
        int line = 0;       //!< line in the file
    };

    /** A per-instruction override of the processor. */
    struct Instruction
    {
        std::string name;   //!< instruction name (gate name or "MEASURE")
        Time duration;      //!< duration
        double noise = 0;   //!< depolarizing (gates) or flip (MEASURE) probability
        std::string source; //!< the reference's citation
    };

    /**
     * Load a preset.  Aborts with file, line and reason on any error.
     * @param pathOrName a file path, or a preset name ("nv-centre") looked up
     *        as `<data directory>/<name>.xml`
     * @return the preset
     */
    static QuantumHardwarePreset Load(const std::string& pathOrName);

    /**
     * The folder of the module's data files: the environment variable
     * QUANTUM_DATA_DIR if set, else the source tree's data/ known at build
     * time, else data/ relative to the working directory (also ../data,
     * ../../data, contrib/quantum/data, src/quantum/data).
     * @return the folder, or "" if none exists
     */
    static std::string GetDataDirectory();

    /**
     * @param name a preset name or file path
     * @return the path of the preset file; aborts if there is none
     */
    static std::string FindPreset(const std::string& name);

    /**
     * @return the names (without .xml) of the data directory's files whose
     *         root element is quantum-hardware-preset, sorted; malformed XML
     *         files are listed too, so that loading them reports the error
     */
    static std::vector<std::string> ListPresets();

    /** @return the preset's name */
    std::string GetName() const;
    /** @return its description */
    std::string GetDescription() const;
    /** @return the file it was loaded from */
    std::string GetPath() const;

    /**
     * @param section a section
     * @return true if the file has that section
     */
    bool HasSection(Section section) const;

    /**
     * @param section a section
     * @param name an attribute name
     * @return true if the preset sets it
     */
    bool HasParameter(Section section, const std::string& name) const;

    /**
     * @param section a section
     * @param name an attribute name the preset sets (aborts otherwise)
     * @return the parameter
     */
    const Parameter& GetParameter(Section section, const std::string& name) const;

    /**
     * @param section a section
     * @return every parameter of that section, by attribute name
     */
    const std::map<std::string, Parameter>& GetParameters(Section section) const;

    /** @return the processor's per-instruction overrides */
    const std::vector<Instruction>& GetInstructions() const;

    /**
     * Set the attributes of a memory and a processor (either may be null);
     * the processor's overrides are installed with SetInstruction.
     * @param memory the memory
     * @param processor the processor
     */
    void Apply(Ptr<QuantumMemory> memory, Ptr<QuantumProcessor> processor) const;

    /**
     * @param transducer a transducer to configure (not null)
     */
    void ApplyTransducer(Ptr<QuantumTransducer> transducer) const;

  private:
    QuantumHardwarePreset();

    friend class QuantumHardwarePresetParser;

    std::string m_name;                               //!< name
    std::string m_description;                        //!< description
    std::string m_path;                               //!< file
    bool m_has[3];                                    //!< sections present
    std::map<std::string, Parameter> m_parameters[3]; //!< parameters by section
    std::vector<Instruction> m_instructions;          //!< processor overrides
};

} // namespace ns3

#endif /* QUANTUM_HARDWARE_PRESET_H */
